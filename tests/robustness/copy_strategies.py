"""Hypothesis strategies for strange copy: Unicode prose, Markdown and HTML structures, raw bytes.

Shared by the property tests and `benchmarks/soak.py`. The prose mixes words that trip the
checks (doubled words, repeated punctuation, unbalanced quotes, misspellings) with everything
that breaks naive offset arithmetic: emoji with modifiers and ZWJ sequences, flags, combining
marks after letters and punctuation, right-to-left scripts and direction marks, astral
letters, every line ending (LF, CRLF, lone CR, CR CR LF, NEL, U+2028), a BOM character inside
the text, and control characters that make text look binary (never NUL: that is refused).
"""

from __future__ import annotations

import codecs

from hypothesis import strategies as st

WORDS = (
    # slips the checks fix or flag
    "the the",
    "The the",
    "that that",
    "had had",
    "is is",
    "in in",
    "no no",
    "to\nto",
    "teh",
    "recieve",
    "shoe restraint",
    "December 11",
    "per cent",
    ",,",
    ";;",
    "..",
    "??",
    "!!",
    "the the the",
    # ordinary news words
    "the",
    "a",
    "an",
    "council",
    "voted",
    "Monday",
    "Mr.",
    "U.S.",
    "said",
    "St. Louis",
    "Dec. 11",
    "bye-bye",
    "so-so",
    "10%",
    "$5",
    "3.5",
    "1,000",
    "1984–85",
    "Obama",
    "Pelosi",
    # Unicode that shifts offsets or glues characters together
    "café",
    "cafe\u0301",
    "naïve",
    "Zoë",
    "Ångström",
    "日本",
    "東京",
    "Москва",
    "Αθήνα",
    "مرحبا",
    "שלום",
    "\u200fRLM",
    "\u202eRLO\u202c",
    "👍",
    "👍🏽",
    "👨‍👩‍👧",
    "🇺🇸",
    "🇬🇧",
    "e\u0301",
    "a\u0308\u0301",
    "ﬁrst",
    "Ⅻ",
    "𝔘𝔫𝔦",
    "𠀋",
    "x\u20dd",
    "\u200b",
    "\u200d",
    "\u00ad",
    "\ufeff",
    "\ufffc",
    "\ufffd",
    # punctuation, quotes and markup characters
    "—",
    "–",
    "…",
    "...",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "„",
    "<",
    ">",
    "&",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "&#65;",
    "&bogus",
    "*",
    "_",
    "`",
    "#",
    "\\",
    "|",
    "~",
    "<!-- copydesk: ignore -->",
    "http://example.com/a..b",
    "https://x.y",
    "a@b.c",
)
SEPARATORS = (
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "\r\n\r\n",
    "\r",
    "\r\r\n",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u3000",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    ". ",
    ", ",
    "! ",
    "? ",
    "",
    # glued to the word before: marks and joiners
    "\u0301",
    "\u0308 ",
    "\u200d",
    "\u200c",
    "\U0001f3fd ",
)

# Any character but NUL and lone surrogates (a decoded file holds neither).
any_char = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
token = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.text(any_char, max_size=6))
separator = st.sampled_from(SEPARATORS)


@st.composite
def prose(draw: st.DrawFn, max_tokens: int = 40) -> str:
    """A run of tokens and separators: news words, slips and hostile Unicode."""
    n = draw(st.integers(0, max_tokens))
    return "".join(draw(token) + draw(separator) for _ in range(n))


@st.composite
def binaryish(draw: st.DrawFn) -> str:
    """NUL-free bytes read as Latin-1 or cp1252: mojibake and control characters, as text."""
    data = draw(st.binary(max_size=300)).replace(b"\x00", b"\x01")
    encoding = draw(st.sampled_from(["latin-1", "cp1252"]))
    return data.decode(encoding, errors="replace")


def _line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


@st.composite
def markdown_doc(draw: st.DrawFn) -> str:
    """Markdown blocks of every kind (with prose inside), joined by LF, CRLF or CR line endings."""
    blocks: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(
            st.sampled_from(
                [
                    "p",
                    "h",
                    "ul",
                    "ol",
                    "quote",
                    "code",
                    "fence",
                    "table",
                    "comment",
                    "html",
                    "front",
                    "hr",
                    "link",
                    "img",
                    "emph",
                    "lazy",
                    "setext",
                    "indented",
                    "escape",
                ]
            )
        )
        p = draw(prose(12))
        if kind == "p":
            blocks.append(p)
        elif kind == "h":
            blocks.append("#" * draw(st.integers(1, 7)) + " " + _line(p))
        elif kind == "setext":
            blocks.append(_line(p) + "\n" + draw(st.sampled_from(["===", "---"])))
        elif kind == "ul":
            marker = draw(st.sampled_from("-*+"))
            blocks.append("\n".join(f"{marker} {draw(prose(5))}" for _ in range(draw(st.integers(1, 3)))))
        elif kind == "ol":
            blocks.append("\n".join(f"{i}. {draw(prose(5))}" for i in range(1, draw(st.integers(2, 4)))))
        elif kind == "quote":
            blocks.append("> " + p.replace("\n", "\n> "))
        elif kind == "code":
            blocks.append(f"Text `{draw(prose(3))}` more {draw(prose(3))} ``a ` b`` end")
        elif kind == "fence":
            blocks.append("```" + draw(st.sampled_from(["", "py", "md"])) + "\n" + p + "\n```")
        elif kind == "indented":
            blocks.append("    " + p.replace("\n", "\n    "))
        elif kind == "table":
            cells = [_line(draw(prose(3))).replace("|", "\\|") for _ in range(4)]
            blocks.append(f"| {cells[0]} | {cells[1]} |\n|---|:--:|\n| {cells[2]} | {cells[3]} |")
        elif kind == "comment":
            directive = draw(
                st.sampled_from(
                    [
                        "copydesk: ignore",
                        "copydesk: ignore core.doubled-word",
                        "copydesk: disable",
                        "copydesk: enable",
                        "copydesk: ignore-file",
                        "a note",
                    ]
                )
            )
            blocks.append(f"<!-- {directive} -->")
        elif kind == "html":
            blocks.append("<div>" + p + "</div>")
        elif kind == "front":
            blocks.insert(0, "---\ntitle: " + _line(draw(prose(3))) + "\n---")
        elif kind == "hr":
            blocks.append(draw(st.sampled_from(["---", "***", "___"])))
        elif kind == "link":
            blocks.append(
                f"{p} [{draw(prose(3))}](http://x.y/{_line(draw(prose(2))).replace(' ', '')}) <https://a.b> x"
            )
        elif kind == "img":
            blocks.append(f'![{draw(prose(3))}](pic.png "{_line(draw(prose(2)))}") {p}')
        elif kind == "emph":
            blocks.append(f"*{draw(prose(3))}* **{draw(prose(3))}** _{draw(prose(2))}_ {p}")
        elif kind == "lazy":
            blocks.append(p + "\n" + draw(prose(4)))
        elif kind == "escape":
            blocks.append(f"\\*not emphasis\\* \\# {p} \\\\ &amp; &copy; &#x1F600; &#0;")
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return (newline * 2).join(block.replace("\n", newline) for block in blocks)


@st.composite
def html_doc(draw: st.DrawFn) -> str:
    """HTML fragments: blocks, inline code, skipped elements, entities, comments, broken tags."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(
            st.sampled_from(
                [
                    "text",
                    "p",
                    "h",
                    "a",
                    "img",
                    "script",
                    "style",
                    "code",
                    "pre",
                    "comment",
                    "entity",
                    "br",
                    "broken",
                    "nested",
                    "title",
                    "cdata",
                    "doctype",
                    "pi",
                    "attr",
                ]
            )
        )
        p = draw(prose(8))
        if kind == "text":
            parts.append(p)
        elif kind == "p":
            parts.append(f"<p>{p}</p>")
        elif kind == "h":
            parts.append(f"<h{draw(st.integers(1, 6))}>{p}</h1>")
        elif kind == "a":
            parts.append(f'<a href="x?a=1&b=2">{p}</a>')
        elif kind == "img":
            q = draw(st.sampled_from(['"', "'"]))
            parts.append(f"<img alt={q}{p.replace(q, '')}{q} title={q}{draw(prose(2)).replace(q, '')}{q}>")
        elif kind == "script":
            parts.append("<script>if (a < b && c) { x = 'the the'; }</script>")
        elif kind == "style":
            parts.append("<style>p { content: 'the the' }</style>")
        elif kind == "code":
            parts.append(f"{p} <code>{draw(prose(3))}</code> {draw(prose(3))}")
        elif kind == "pre":
            parts.append(f"<pre>{p}</pre>")
        elif kind == "comment":
            directive = draw(st.sampled_from(["copydesk: ignore", "copydesk: disable core", "copydesk: enable", "x"]))
            parts.append(f"<!-- {directive} -->")
        elif kind == "entity":
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "&amp;",
                            "&lt;",
                            "&eacute;",
                            "&#233;",
                            "&#xe9;",
                            "&nbsp;",
                            "&amp",
                            "&copy",
                            "&#128512;",
                            "&#0;",
                            "&#xD800;",
                            "&#1114112;",
                            "&notanentity;",
                        ]
                    )
                )
            )
        elif kind == "br":
            parts.append(draw(st.sampled_from(["<br>", "<br/>", "<hr />", "<wbr>"])))
        elif kind == "broken":
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<",
                            "</",
                            "<p",
                            "<p class='x",
                            "<!--",
                            "<!",
                            "</p>",
                            "<a href=>",
                            "<<p>>",
                            "<p <p>",
                            "</div></div>",
                        ]
                    )
                )
            )
        elif kind == "nested":
            parts.append(f"<div><ul><li>{p}</li><li><em>{draw(prose(3))}</em></li></ul></div>")
        elif kind == "title":
            parts.append(f"<head><title>{p}</title></head>")
        elif kind == "cdata":
            parts.append(f"<![CDATA[{p}]]>")
        elif kind == "doctype":
            parts.append("<!DOCTYPE html>")
        elif kind == "pi":
            parts.append("<?xml version='1.0'?>")
        elif kind == "attr":
            parts.append(
                f"<span title=\"{p.replace(chr(34), '')}\" data-x='{draw(prose(2)).replace(chr(39), '')}'>x</span>"
            )
    newline = draw(st.sampled_from(["\n", "\r\n", ""]))
    return newline.join(parts)


# (file name, strategy) for each format copydesk reads.
DOCUMENTS = {
    "text": ("story.txt", st.one_of(prose(), prose(), binaryish())),
    "markdown": ("story.md", markdown_doc()),
    "html": ("story.html", html_doc()),
}

# How copy can be stored on disk: encoding name and BOM.
ENCODINGS = (
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
)


@st.composite
def stored_copy(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes on disk): a document of any format in any encoding copydesk accepts."""
    name, strategy = DOCUMENTS[draw(st.sampled_from(sorted(DOCUMENTS)))]
    text = draw(strategy)
    encoding, bom = draw(st.sampled_from(ENCODINGS))
    return name, bom + text.encode(encoding)
