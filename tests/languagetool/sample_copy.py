"""News-copy paragraphs for LanguageTool tests and the batching benchmark."""

from __future__ import annotations

_TEMPLATES = [
    "The city council of {place} voted {n} to 2 on Tuesday to approve a new budget that raises "
    "property taxes for the first time in a decade. Mayor {name} said the increase was necessary "
    "to pay for road repairs and to hire more police officers, but critics argued that the plan "
    "would hurt families which are already struggling with the rising cost of living.",
    "{name}, who has coached the team for {n} seasons, told reporters after the game that he was "
    'proud of his players despite the loss. "We played hard, we just didn\'t get the breaks," he '
    "said. The team now have a record of 12 wins and {n} losses and will travel to {place} next week.",
    "Heavy rain flooded dozens of homes in {place} overnight, forcing more than {n}00 residents to "
    "leave. Emergency crews worked through the night to pump water from basements, and the local "
    "school district cancelled classes on Friday. A spokesperson for the fire department said no "
    "one were injured, although several cars was swept away by the current.",
    "Shares of the technology company fell {n} percent on Wednesday after it reported quarterly "
    "earnings that missed analysts expectations. Chief executive {name} blamed weaker demand in "
    "Europe and said the company would cut costs, including a hiring freeze, in the coming months. "
    "Investors have been nervous about the sector since the spring.",
    "Police in {place} arrested a {n}-year-old man on Monday in connection with a string of "
    "burglaries that has alarmed residents of the neighborhood. Officers recovered jewelry, "
    "laptops and a large amount of cash. The suspect, whose name has not been released, is "
    "expected to appear in court later this week, a police spokesman said.",
    "The museum in {place} will reopen next month after a {n}-year renovation that cost more than "
    "$40 million. The project added a new wing for contemporary art, restored the original facade "
    "and installed a climate control system to protect fragile paintings. Director {name} said "
    "she hoped the building would attract a younger audience.",
    "Researchers at the university said on Thursday that they had identified a gene that may "
    "explain why some people is more vulnerable to the disease than others. The study, which "
    "followed {n},000 patients for eight years, was published in a leading medical journal. "
    "{name}, the lead author, cautioned that more work was needed.",
    "Voters in {place} will decide in November whether to allow a new casino to be built near "
    "the waterfront. Supporters say it would create {n}00 jobs and bring in millions of dollars in "
    "tax revenue, while opponents warn of traffic, crime and gambling addiction. A poll released "
    "this week showed the two sides almost evenly split.",
    "The airline said it would add {n} daily flights between {place} and the capital starting in "
    "March, citing strong demand from business travellers. The announcement comes a year after "
    "the carrier cut service on the route. Tickets goes on sale next week, and fares will start "
    "at $89 each way, according to {name}, a company spokeswoman.",
    "Firefighters contained a wildfire that burned about {n},000 acres of forest north of {place} "
    "over the weekend. Cooler temperatures and light rain helped crews gain the upper hand. "
    "Officials said the cause of the fire is under investigation and that evacuation orders for "
    "three small communities would be lifted on Monday afternoon.",
]
_PLACES = ["Springfield", "Riverton", "Lakewood", "Fairview", "Milford"]
_NAMES = ["Maria Lopez", "John Carter", "Aisha Khan", "Peter Novak", "Grace Liu"]


def paragraphs(count: int = 50) -> list[str]:
    """`count` distinct paragraphs of 50 to 70 words, some with grammar slips."""
    result = []
    for i in range(count):
        template = _TEMPLATES[i % len(_TEMPLATES)]
        k = i // len(_TEMPLATES)
        result.append(template.format(place=_PLACES[k % 5], name=_NAMES[(i + k) % 5], n=3 + i))
    return result


def words(count: int) -> str:
    """About `count` words of copy, as paragraphs separated by blank lines."""
    chosen: list[str] = []
    for paragraph in paragraphs(200):
        if sum(len(p.split()) for p in chosen) >= count:
            break
        chosen.append(paragraph)
    return "\n\n".join(chosen)
