package tui

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"maturity/roadmap"
)

// search finds the initiatives of one snapshot that match what is typed
// into the table's filter: every word of it, whatever its case, is part of
// one of an initiative's fields (its id as #12, title, owner, domain, level
// name, quarter, status, and "ready" when done would accept it now).
//
// It is built once per snapshot, lower-cased: the fields of each
// initiative's own (id, title, owner) back to back in one block of
// memory, and the fields that initiatives share (domain, level, quarter,
// status, ready) once per combination. A word is looked for in each
// combination once, then in the own fields of the initiatives no
// combination matched. The last searches are kept: a query typed on from
// one of them looks only at what that one matched, and a query typed back
// to one of them (backspace) is answered at once.
type search struct {
	text  []byte   // every initiative's own fields, each ended by a 0 byte, back to back
	ends  []int32  // where initiative i's own fields end: they are text[ends[i-1]:ends[i]]
	kind  []int32  // per initiative, which of kinds its shared fields are
	kinds [][]byte // the distinct shared fields, each ended by a 0 byte

	recent []result // the last searches, oldest first
}

// result is one search and what it matched.
type result struct {
	words [][]byte
	hits  []int32 // the initiatives the words match, by index, in order
}

// keepResults is how many searches are kept, at most: more than the keys
// of a long query typed and erased.
const keepResults = 32

// newSearch gathers the fields of the initiatives rows, in that order.
func newSearch(s *snapshot, rows []*roadmap.Initiative) *search {
	x := &search{ends: make([]int32, len(rows)), kind: make([]int32, len(rows)), text: make([]byte, 0, 64*len(rows))}
	seen := map[string]int32{}
	var (
		prev    *roadmap.Initiative
		prevRd  bool
		k       int32
		shared  []byte
		quarter string // the label of prev's quarter
	)
	for i, in := range rows {
		ready := !in.Status.Finished() && s.ready[in.ID]
		// Consecutive initiatives mostly share their fields: the key of
		// their combination is looked up once per run.
		if prev == nil || in.Quarter != prev.Quarter || in.Domain != prev.Domain || in.Level != prev.Level ||
			in.Status != prev.Status || ready != prevRd {
			shared = appendLower(shared[:0], in.Domain)
			shared = appendLower(append(shared, 0), s.r.Model.LevelName(in.Domain, in.Level))
			if prev == nil || in.Quarter != prev.Quarter {
				quarter = in.Quarter.Label()
			}
			shared = appendLower(append(shared, 0), quarter)
			shared = appendLower(append(shared, 0), string(in.Status))
			shared = append(shared, 0)
			if ready {
				shared = append(shared, "ready\x00"...)
			}
			var ok bool
			if k, ok = seen[string(shared)]; !ok {
				k = int32(len(x.kinds))
				seen[string(shared)] = k
				x.kinds = append(x.kinds, slices.Clone(shared))
			}
		}
		prev, prevRd = in, ready
		x.kind[i] = k
		b := append(x.text, '#')
		b = strconv.AppendInt(b, in.ID, 10)
		b = append(b, 0)
		b = append(appendLower(b, in.Title), 0)
		b = append(appendLower(b, in.Owner), 0)
		x.text = b
		x.ends[i] = int32(len(b))
	}
	return x
}

// appendLower appends s in lower case.
func appendLower(b []byte, s string) []byte {
	n := len(b)
	b = append(b, s...)
	for i := n; i < len(b); i++ {
		c := b[i]
		if c >= utf8.RuneSelf {
			return append(b[:n], strings.ToLower(s)...)
		}
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

// queryWords splits a query into its lower-cased words. A 0 byte, which
// ends each field, separates words too.
func queryWords(q string) [][]byte {
	var out [][]byte
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return r == 0 || unicode.IsSpace(r) }) {
		out = append(out, appendLower(nil, w))
	}
	return out
}

// match returns the indexes, in order, of the initiatives whose fields
// hold every word of q, or all for a query of no words (which needs no
// search: x may be nil). The slice is the search's own: the caller does
// not change it.
func (x *search) match(q string) (hits []int32, all bool) {
	words := queryWords(q)
	if len(words) == 0 {
		return nil, true
	}
	// What a kept search matched is all that can match words it narrows:
	// start from the narrowest, or from everything.
	var from *result
	for i := range x.recent {
		r := &x.recent[i]
		if narrows(words, r.words) && (from == nil || len(r.hits) < len(from.hits)) {
			from = r
		}
	}
	if from != nil && len(from.words) == len(words) && slices.EqualFunc(from.words, words, bytes.Equal) {
		return from.hits, false
	}
	// For each word, the combinations of shared fields it is part of.
	inKind := make([][]bool, len(words))
	for j, w := range words {
		inKind[j] = make([]bool, len(x.kinds))
		for k, text := range x.kinds {
			inKind[j][k] = bytes.Contains(text, w)
		}
	}
	holds := func(i int32) bool {
		for j, w := range words {
			if !inKind[j][x.kind[i]] && !bytes.Contains(x.own(i), w) {
				return false
			}
		}
		return true
	}
	if from != nil {
		for _, i := range from.hits {
			if holds(i) {
				hits = append(hits, i)
			}
		}
	} else {
		for i := range int32(len(x.ends)) {
			if holds(i) {
				hits = append(hits, i)
			}
		}
	}
	x.keep(result{words, hits})
	return hits, false
}

// keep adds r to the searches kept, dropping the oldest beyond
// keepResults, or while they hold more than four matches per initiative.
func (x *search) keep(r result) {
	x.recent = append(x.recent, r)
	total := 0
	for _, k := range x.recent {
		total += len(k.hits)
	}
	for len(x.recent) > 1 && (len(x.recent) > keepResults || total > 4*len(x.ends)) {
		total -= len(x.recent[0].hits)
		x.recent = slices.Delete(x.recent, 0, 1)
	}
}

// own returns initiative i's own fields.
func (x *search) own(i int32) []byte {
	start := int32(0)
	if i > 0 {
		start = x.ends[i-1]
	}
	return x.text[start:x.ends[i]]
}

// narrows reports whether words match only initiatives that before
// matches: as many words or more, each of before part of the word in its
// place.
func narrows(words, before [][]byte) bool {
	if len(words) < len(before) {
		return false
	}
	for i, w := range before {
		if !bytes.Contains(words[i], w) {
			return false
		}
	}
	return true
}
