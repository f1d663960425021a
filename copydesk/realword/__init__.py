"""Real-word slips found by statistics: a right word in the wrong place ("plays the roll of").

- `candidates`: the words a slip could have come from (one edit away, or sounding alike),
  generated from the word lists and a pronouncing dictionary, never listed by hand.
- `ngrams`: word and word-pair counts that ship with PyPI packages (symspellpy's web counts),
  with a newsroom's own counts added when a house model is configured.
- `context`: the decision: does an alternative fit between the neighbouring words so much
  better than the word written that the word is a slip?
- `house`: the house model that `copydesk learn` builds from a newsroom's archive: its
  vocabulary, the spellings it prefers where two compete, and its word-pair and triple counts.
"""
