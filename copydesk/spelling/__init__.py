"""The engines behind the spelling check (`copydesk.checks.spelling`).

- `candidates`: the known words within two edits of a typed word (a compact symmetric-delete
  index, built once into the cache) and the edit distance that verifies them;
- `errormodel`: how likely a slip is (doubled, dropped, swapped, moved letters, the key next
  door, sound-alike spellings): a weighted edit distance;
- `ranking`: corrections ranked by error model, frequency and neighbouring words;
- `variants`: British and American spellings, generated from the word lists;
- `house`: the house dictionary files (accepted words, rejected forms).

The word lists themselves are in `copydesk.lexicon`.
"""
