package tui

import (
	"bytes"
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
// It holds the fields of every initiative, lower-cased, in one block of
// memory, built once per snapshot: a search is then a scan of that block,
// and the words typed after others only look again at what matched
// before.
type search struct {
	text []byte  // every initiative's fields, each ended by a 0 byte, back to back
	ends []int32 // where initiative i's fields end: they are text[ends[i-1]:ends[i]]

	// The last search, which the next one narrows when it can.
	words [][]byte
	hits  []int32 // the initiatives the words match, by index
}

// newSearch gathers the fields of the initiatives rows, in that order.
func newSearch(s *snapshot, rows []*roadmap.Initiative) *search {
	x := &search{ends: make([]int32, len(rows)), text: make([]byte, 0, 96*len(rows))}
	// Consecutive initiatives mostly share their quarter, domain and
	// level: their text is made once for each run.
	var (
		lastQ            roadmap.Quarter
		quarter          []byte
		lastD            string
		lastL            int
		level            []byte
		lastStatus       roadmap.Status
		status           []byte
		haveQ, haveLevel bool
	)
	for i, in := range rows {
		if !haveQ || in.Quarter != lastQ {
			lastQ, haveQ = in.Quarter, true
			quarter = appendLower(quarter[:0], in.Quarter.Label())
		}
		if !haveLevel || in.Domain != lastD || in.Level != lastL {
			lastD, lastL, haveLevel = in.Domain, in.Level, true
			level = append(appendLower(level[:0], in.Domain), 0)
			level = appendLower(level, s.r.Model.LevelName(in.Domain, in.Level))
		}
		if status == nil || in.Status != lastStatus {
			lastStatus = in.Status
			status = appendLower(status[:0], string(in.Status))
		}
		b := append(x.text, '#')
		b = strconv.AppendInt(b, in.ID, 10)
		b = append(b, 0)
		b = append(appendLower(b, in.Title), 0)
		b = append(appendLower(b, in.Owner), 0)
		b = append(append(b, level...), 0)
		b = append(append(b, quarter...), 0)
		b = append(append(b, status...), 0)
		if s.ready[in.ID] {
			b = append(b, "ready\x00"...)
		}
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
// search: x may be nil). The slice is the search's own: it is valid until
// the next call.
func (x *search) match(q string) (hits []int32, all bool) {
	words := queryWords(q)
	if len(words) == 0 {
		if x != nil {
			x.words = nil
		}
		return nil, true
	}
	if x.narrows(words) {
		// Each word holds the one typed before it: only what matched
		// then can match now.
		kept := x.hits[:0]
		for _, i := range x.hits {
			if x.holds(i, words) {
				kept = append(kept, i)
			}
		}
		x.words, x.hits = words, kept
		return kept, false
	}
	// The first word is looked for through the whole block at once; each
	// initiative it is found in is checked for the other words.
	hits = x.hits[:0]
	first, rest := words[0], words[1:]
	var row int32
	for pos := 0; pos < len(x.text); {
		at := bytes.Index(x.text[pos:], first)
		if at < 0 {
			break
		}
		at += pos
		for int(x.ends[row]) <= at {
			row++
		}
		if x.holds(row, rest) {
			hits = append(hits, row)
		}
		pos = int(x.ends[row])
		row++
	}
	x.words, x.hits = words, hits
	return hits, false
}

// narrows reports whether words refine the last search: as many words or
// more, each of the last search's words part of the word in its place.
func (x *search) narrows(words [][]byte) bool {
	if len(x.words) == 0 || len(words) < len(x.words) {
		return false
	}
	for i, w := range x.words {
		if !bytes.Contains(words[i], w) {
			return false
		}
	}
	return true
}

// holds reports whether initiative i's fields hold every word.
func (x *search) holds(i int32, words [][]byte) bool {
	start := int32(0)
	if i > 0 {
		start = x.ends[i-1]
	}
	fields := x.text[start:x.ends[i]]
	for _, w := range words {
		if !bytes.Contains(fields, w) {
			return false
		}
	}
	return true
}
