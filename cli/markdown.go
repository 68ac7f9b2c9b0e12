package cli

import (
	"strings"

	"maturity/roadmap"
)

// mdEscaper escapes what Markdown and the HTML inside it would act on:
// '<', '>' and '&' become character references, so no tag, autolink or
// reference of the text's own is read; '[' and ']' (links, images,
// references), '|' (table cells), '`' (code spans), '*', '_' and '~'
// (emphasis) and '\' itself get a backslash.
var mdEscaper = strings.NewReplacer(
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	`\`, `\\`, "[", `\[`, "]", `\]`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "~", `\~`,
)

// mdText makes any text inert inside a Markdown document: a table cell, a
// list item or a line of prose shows it as it is, and no HTML, link, image
// or formatting in it takes effect. Controls and line breaks become spaces
// first (roadmap.Printable), so no text can start a block of its own. A
// bare web address stays visible text; some renderers make it clickable,
// but as the address it shows. Every text that writeMarkdown puts in the
// report goes through here.
func mdText(s string) string {
	return mdEscaper.Replace(roadmap.Printable(s))
}
