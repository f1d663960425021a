"""Document: prose offsets map back to source offsets; words, sentences, quotations."""

from __future__ import annotations

from copydesk.document import Document
from copydesk.formats import build_document


def test_plain_document_maps_offsets_one_to_one() -> None:
    doc = Document.plain("a.txt", "Hello 👍 world")
    assert doc.source_span(8, 13) == (8, 13)
    assert doc.is_verbatim(8, 13)


def test_words_keep_apostrophes_hyphens_and_initialisms() -> None:
    doc = Document.plain("a.txt", "Korea’s envoy Kim Jong-un met U.S. officials; they're anti-North.")
    assert [t.text for t in doc.words] == [
        "Korea’s",
        "envoy",
        "Kim",
        "Jong-un",
        "met",
        "U.S.",
        "officials",
        "they're",
        "anti-North",
    ]


def test_sentences_skip_title_abbreviations_and_end_at_paragraphs() -> None:
    text = "Gov. Smith met Dr. Lee on Dec. 11. They talked.\n\nHeadline without a stop\n\nNext one."
    doc = Document.plain("a.txt", text)
    assert [text[s:e] for s, e in doc.sentences] == [
        "Gov. Smith met Dr. Lee on Dec. 11.",
        "They talked.",
        "Headline without a stop",
        "Next one.",
    ]


def test_quotations_straight_curly_and_running_to_paragraph_end() -> None:
    text = 'He said "go now" and “we ‘will’ stay”.\n\n“Unclosed quote runs on'
    doc = Document.plain("a.txt", text)
    assert [text[s:e] for s, e in doc.quotations] == ['"go now"', "“we ‘will’ stay”", "“Unclosed quote runs on"]
    assert doc.in_quotation(text.index("will"), text.index("will") + 4)
    assert not doc.in_quotation(0, 2)


def test_markdown_skips_code_urls_front_matter_and_maps_back() -> None:
    source = "---\ntitle: the the\n---\n# Big *news*\n\nSee `the the` at <http://x.org> and [the link](http://y.org).\n"
    doc = build_document("a.md", source)
    assert "title" not in doc.prose and "http" not in doc.prose and "the the" not in doc.prose
    start = doc.prose.index("link")
    s, e = doc.source_span(start, start + 4)
    assert source[s:e] == "link"
    assert doc.region_kind(doc.prose.index("Big")) == "heading"


def test_markdown_entity_maps_to_whole_entity_and_is_not_verbatim() -> None:
    source = "Tom &amp; Jerry"
    doc = build_document("a.md", source)
    assert doc.prose.startswith("Tom & Jerry")
    i = doc.prose.index("&")
    assert doc.source_span(i, i + 1) == (4, 9)
    assert not doc.is_verbatim(i, i + 1)


def test_html_skips_script_style_code_and_reads_alt_text() -> None:
    source = (
        "<html><head><style>p{}</style></head><body><script>var the the;</script>"
        '<p>Cats <code>x</code> sit.</p><img alt="A quiet harbour" src="a.png"></body></html>'
    )
    doc = build_document("a.html", source)
    assert "var" not in doc.prose and "p{}" not in doc.prose
    assert "A quiet harbour" in doc.prose
    i = doc.prose.index("harbour")
    s, e = doc.source_span(i, i + 7)
    assert source[s:e] == "harbour"


def test_without_possessive_drops_only_a_trailing_possessive() -> None:
    from copydesk.textunits import without_possessive

    cases = {
        "Obama's": "Obama",
        "Obama’s": "Obama",
        "James'": "James",
        "ab's's": "ab's",
        "rock'n'roll": "rock'n'roll",
        "it's": "it",
        "'s": "",
        "s": "s",
        "": "",
        "Jones": "Jones",
    }
    assert {word: without_possessive(word) for word in cases} == cases


def test_folded_gives_up_exactly_where_case_blind_matching_and_lower_case_disagree() -> None:
    import string
    import sys

    import regex

    from copydesk.document import _FOLDS_TO_OTHER_ASCII_RE

    everything = (
        "".join(map(chr, range(128, sys.maxunicode + 1))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    )
    odd = {
        m.group()
        for letter in string.ascii_letters
        for m in regex.finditer(f"(?i){letter}", everything)
        if m.group().lower() != letter.lower()
    }
    assert odd == set(_FOLDS_TO_OTHER_ASCII_RE.pattern.strip("[]"))
    assert build_document("a.txt", "Sıx MINISTERS", None).folded is None
    assert build_document("a.txt", "Six MINISTERS, Zoë", None).folded == "six ministers, zoë"


def test_region_kind_is_the_first_region_that_holds_the_offset() -> None:
    from copydesk.document import Region

    def first_holding(regions: list[Region], offset: int) -> str:
        return next((r.kind for r in regions if r.start <= offset < r.end), "prose")

    apart = [Region("heading", 0, 5), Region("caption", 9, 12), Region("heading", 5, 7)]
    nested = [Region("heading", 3, 6), Region("quotation", 0, 10), Region("caption", 12, 14)]
    for regions in (apart, nested):
        doc = Document.plain("a.txt", "x" * 20)
        doc.regions = regions
        assert [doc.region_kind(i) for i in range(20)] == [first_holding(regions, i) for i in range(20)]
    doc = Document.plain("a.txt", "x" * 20)
    doc.regions = nested
    assert doc._region_index is None  # nested: scanned in order
    assert [doc.region_kind(i) for i in (0, 4, 11, 13)] == ["quotation", "heading", "prose", "caption"]
