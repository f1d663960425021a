"""News checks no general proofreader has: datelines, weekdays against dates, names across a
story, figures written two ways, mixed quotation marks.

Each module holds one check (its rules, with examples, and the engine that runs them);
`copydesk.checks.news.NewsCheck` runs them all over a `Story`, the facts about a document that
several checks share (its headlines, dateline and date).
"""
