"""How likely a typed word is as a slip for an intended one: a weighted edit distance.

Plain edit distance counts every change as one. People do not slip at random: they double or
undouble letters (untill, acomodation), swap neighbours (teh), hit the key next door (thw),
confuse vowels (seperate) and spell by sound (-ance/-ence, -able/-ible, ph/f, c/k). Each such
slip costs less than an arbitrary change, so "acomodation" is closer to "accommodation" than to
any word with an arbitrary letter changed. The costs are in "edits": 1.0 is an arbitrary
insertion, deletion or substitution.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

VOWELS = frozenset("aeiouy")

# QWERTY rows; a key's neighbours are the keys left, right, above and below it.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    position = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    near: dict[str, set[str]] = {ch: set() for ch in position}
    for a, (ra, ca) in position.items():
        for b, (rb, cb) in position.items():
            # Rows are offset by about half a key: above-right and below-left touch too.
            if a != b and (
                (ra == rb and abs(ca - cb) == 1) or (abs(ra - rb) == 1 and cb - ca in ((0, 1) if rb < ra else (-1, 0)))
            ):
                near[a].add(b)
    return {k: frozenset(v) for k, v in near.items()}


KEYBOARD = _keyboard_neighbours()

# Consonants that stand for the same sound in some words.
_SOUND_ALIKE = ("ck", "cs", "sz", "gj", "kq", "fv", "dt", "mn", "xs", "wv", "iy")
SOUND_ALIKE = frozenset((pair[0], pair[1]) for pair in _SOUND_ALIKE) | frozenset(
    (pair[1], pair[0]) for pair in _SOUND_ALIKE
)

# Groups of letters spelt for one another by sound: (intended, typed), both directions.
_SPELLINGS = (
    ("ph", "f"),
    ("ck", "k"),
    ("ck", "c"),
    ("tion", "sion"),
    ("tion", "shun"),
    ("cious", "tious"),
    ("cial", "tial"),
    ("ght", "t"),
    ("gh", "f"),
    ("ough", "uff"),
    ("wh", "w"),
    ("qu", "kw"),
    ("x", "ks"),
    ("x", "cks"),
    ("ai", "ay"),
    ("ee", "ea"),
    ("ie", "y"),
    ("ie", "ei"),
    ("ou", "ow"),
    ("our", "or"),
    ("re", "er"),
    ("yse", "yze"),
    ("ise", "ize"),
    ("sc", "s"),
    ("sc", "c"),
    ("ce", "se"),
    ("gue", "g"),
)


@dataclass(frozen=True)
class Costs:
    """The price of each kind of slip, in edits."""

    other: float = 1.0
    double: float = 0.45  # typing a letter twice, or once where it is doubled
    swap: float = 0.6  # two neighbouring letters swapped
    vowel: float = 0.6  # one vowel for another
    keyboard: float = 0.9  # the key next door
    sound: float = 0.6  # c/k, s/z and other sound-alike letters
    move: float = 0.75  # a letter typed two places early or late (fomr, tyhe)
    drop_vowel: float = 0.6  # a vowel left out
    drop_cluster: float = 0.8  # a consonant next to another left out
    drop_silent: float = 0.7  # a silent e or h, or an r after a vowel (futher), left out; or a final e added
    extra_vowel: float = 0.7  # a vowel put in (disasterous)
    extra_near: float = 0.8  # an extra key next to the intended one
    spelling: float = 0.6  # a sound-alike group of letters (ph/f, -tion/-sion)
    first_letter: float = 0.5  # added when the first letter changes: people seldom get it wrong


DEFAULT = Costs()


def _rules() -> dict[str, list[tuple[str, str]]]:
    """The sound-alike groups, keyed by their last letters (intended, then typed), both ways."""
    keyed: dict[str, list[tuple[str, str]]] = {}
    for a, b in _SPELLINGS:
        for intended, typed in ((a, b), (b, a)):
            keyed.setdefault(intended[-1] + typed[-1], []).append((intended, typed))
    return keyed


_RULES = _rules()


def substitution(intended: str, typed: str, costs: Costs = DEFAULT) -> float:
    """The price of typing one letter for another."""
    if intended == typed:
        return 0.0
    if intended in VOWELS and typed in VOWELS:
        return costs.vowel
    if (intended, typed) in SOUND_ALIKE:
        return costs.sound
    if typed in KEYBOARD.get(intended, ()):
        return costs.keyboard
    return costs.other


def slip_cost(typed: str, intended: str, costs: Costs = DEFAULT) -> float:
    """The weighted edit distance of `intended` → `typed` (lower: a likelier slip).

    The hottest loop of suggestion ranking: the prices that depend on one string only are
    worked out once per call, not once per cell.
    """
    t, c = typed, intended
    n, m = len(t), len(c)
    drop = [_drop(c, j, costs) for j in range(m)]
    extra = [_extras(t, i, c, costs) for i in range(n)]  # extra[i][j]: t[i] typed before c[j]
    substitute = _substitutions(costs)
    # d[i][j]: the price of turning c[:j] into t[:i].
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + drop[j - 1]
    for i in range(1, n + 1):
        ti = t[i - 1]
        row, up, extra_i = d[i], d[i - 1], extra[i - 1]
        row[0] = up[0] + extra_i[0]
        for j in range(1, m + 1):
            cj = c[j - 1]
            pair = cj + ti
            if ti == cj:
                best = up[j - 1]
            else:
                price = substitute.get(pair)
                if price is None:
                    price = substitute[pair] = substitution(cj, ti, costs)
                best = up[j - 1] + price
                if i > 1 and j > 1 and ti == c[j - 2] and t[i - 2] == cj:
                    best = min(best, d[i - 2][j - 2] + costs.swap)
                if i > 2 and j > 2 and t[i - 3 : i] != c[j - 3 : j]:
                    # one letter moved two places: abc typed as bca or cab
                    a, b, x = c[j - 3], c[j - 2], cj
                    if t[i - 3 : i] in (b + x + a, x + a + b):
                        best = min(best, d[i - 3][j - 3] + costs.move)
            price = up[j] + extra_i[j]
            if price < best:
                best = price
            price = row[j - 1] + drop[j - 1]
            if price < best:
                best = price
            rules = _RULES.get(pair)
            if rules:
                for intended_, typed_ in rules:
                    li, lt = len(intended_), len(typed_)
                    if j >= li and i >= lt and c.endswith(intended_, 0, j) and t.endswith(typed_, 0, i):
                        best = min(best, d[i - lt][j - li] + costs.spelling)
            row[j] = best
    cost = d[n][m]
    if t[:1] != c[:1]:
        cost += costs.first_letter
    return cost


class CostFloor:
    """Floors under `slip_cost(typed, intended)` for the words near one typed word, so that
    ranking prices only the candidates whose floor leaves them a chance.

    `floor(intended, distance)` (optimal string alignment distance: 1 or 2) takes a microsecond
    and orders the candidates. One edit is at least the cheapest single slip. Two edits are two
    slips, unless one slip covers both: a sound-alike group of letters (ph/f) or a letter moved
    two places. `floor.letters(intended, distance)` is higher where the letters the two words do
    not share say more (a few microseconds: asked only before pricing a candidate).
    """

    def __init__(self, typed: str, costs: Costs = DEFAULT) -> None:
        self.typed = typed
        self.costs = costs
        self.single = _cheapest_slip(costs)
        self.two = min(costs.move, 2 * self.single)
        self.groups = [intended for intended, typed_ in _SPELLING_PAIRS if typed_ in typed]  # could apply
        self.doubled = {a for a, b in pairwise(typed) if a == b}
        # The cheapest prices of a letter typed for another, put in, and left out.
        self.substitution = min(costs.vowel, costs.sound, costs.keyboard, costs.other)
        self.double = min(costs.double, self.substitution)
        self.put_in = min(costs.extra_near, costs.extra_vowel, costs.drop_silent, costs.other, self.substitution)
        self.left_out = min(costs.drop_vowel, costs.drop_cluster, costs.drop_silent, costs.other, self.substitution)

    def __call__(self, intended: str, distance: int) -> float:
        if distance <= 0:
            least = 0.0
        elif distance == 1:
            least = self.single
        elif any(group in intended for group in self.groups):
            least = min(self.two, self.costs.spelling)
        else:
            least = self.two
        return least + self._first_letter(intended)

    def letters(self, intended: str, distance: int) -> float:
        """The floor, raised by the letters one word has and the other lacks.

        Every letter the typed word has in excess must be added by a slip (a letter put in, or
        one typed for another) and every letter it lacks removed by one (left out, or typed as
        another); a swap or a move changes no letter. One letter typed for another serves one of
        each; a letter left over costs the cheaper of a letter put in or left out (a doubling
        only beside its twin) and a letter typed for another. A sound-alike group (ph/f) changes
        several letters at once, so where one could apply only the plain floor holds.
        """
        floor = self(intended, distance)
        if distance <= 0 or any(group in intended for group in self.groups):
            return floor
        missing = list(intended)
        extra = []
        for ch in self.typed:
            if ch in missing:
                missing.remove(ch)
            else:
                extra.append(ch)
        if len(extra) > len(missing):
            pairs = len(missing)
            leftover = [self.double if ch in intended or ch in self.doubled else self.put_in for ch in extra]
        else:
            pairs = len(extra)
            twins = {a for a, b in pairwise(intended) if a == b}
            leftover = [self.double if ch in twins else self.left_out for ch in missing]
        leftover.sort()
        least = pairs * self.substitution + sum(leftover[: len(leftover) - pairs])
        return max(floor, least + self._first_letter(intended))

    def _first_letter(self, intended: str) -> float:
        return self.costs.first_letter if self.typed[:1] != intended[:1] else 0.0


def cost_floor(typed: str, costs: Costs = DEFAULT) -> CostFloor:
    """The floors under the price of each slip that could have made `typed` (`CostFloor`)."""
    return CostFloor(typed, costs)


# Each sound-alike group of letters as (intended, typed), both ways.
_SPELLING_PAIRS = tuple(pair for a, b in _SPELLINGS for pair in ((a, b), (b, a)))


@cache
def _cheapest_slip(costs: Costs) -> float:
    return min(value for name, value in vars(costs).items() if name != "first_letter")


@cache
def _substitutions(costs: Costs) -> dict[str, float]:
    """Prices of one letter typed for another, keyed by the two letters, filled as met."""
    return {}


def _extras(t: str, i: int, c: str, costs: Costs) -> list[float]:
    """The price of the typed letter t[i] that has no intended letter, before each c[j].

    One entry per j from 0 to len(c) (the last: at the end of the word).
    """
    ch = t[i]
    before = t[i - 1] if i > 0 else ""
    if before == ch:
        return [costs.double] * (len(c) + 1)
    neighbours = KEYBOARD.get(ch, frozenset())
    if before in neighbours:
        otherwise = costs.extra_near
    elif ch in VOWELS and 0 < i < len(t) - 1:
        otherwise = costs.extra_vowel
    elif ch == "e" and i == len(t) - 1:
        otherwise = costs.drop_silent  # a silent e added (frome, simplye)
    else:
        otherwise = costs.other
    prices = [costs.double if x == ch else costs.extra_near if x in neighbours else otherwise for x in c]
    prices.append(otherwise)
    return prices


def _drop(c: str, j: int, costs: Costs) -> float:
    """The price of leaving out the intended letter c[j]."""
    ch = c[j]
    if (j > 0 and c[j - 1] == ch) or (j + 1 < len(c) and c[j + 1] == ch):
        return costs.double
    if ch == "e" and j == len(c) - 1:
        return costs.drop_silent
    if ch == "h" and j > 0 and c[j - 1] in "wgrct":
        return costs.drop_silent
    if ch == "r" and j > 0 and c[j - 1] in VOWELS and j + 1 < len(c) and c[j + 1] not in VOWELS:
        return costs.drop_silent
    if ch in VOWELS:
        return costs.drop_vowel
    if (j > 0 and c[j - 1] not in VOWELS) or (j + 1 < len(c) and c[j + 1] not in VOWELS):
        return costs.drop_cluster  # one consonant of a cluster (often → ofen, chapter → chaper)
    return costs.other
