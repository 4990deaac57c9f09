"""The words that fill the command templates: task titles, lists, dates and times in the forms
people type them, references to tasks already there, and the requests' other objects.

A slot is a function of a ``random.Random``, so a template is filled the same way on every
run. Choices are written as phrases separated by ``|``; a shape's ``{part}`` fields are
filled from other slots.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from random import Random

Slot = Callable[[Random], str]


def phrases(chunks: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(phrase.strip() for chunk in chunks for phrase in chunk.split("|"))


def one_of(*chunks: str) -> Slot:
    """One of the ``|``-separated phrases."""
    choices = phrases(chunks)

    def pick(rng: Random) -> str:
        return rng.choice(choices)

    return pick


def shaped(*chunks: str, **parts: Slot) -> Slot:
    """One of the ``|``-separated shapes, its ``{part}`` fields filled from ``parts``."""
    shapes = phrases(chunks)

    def build(rng: Random) -> str:
        shape = rng.choice(shapes)
        return shape.format_map({name: part(rng) for name, part in parts.items()})

    return build


TASK = one_of(
    "buy milk | call mom | pay rent | renew passport | book dentist appointment",
    "email the landlord | pick up dry cleaning | water the plants | take out the bins",
    "finish the report | submit timesheet | book flights | call the plumber | do laundry",
    "clean the bathroom | walk the dog | feed the cat | return library books",
    "order new glasses | get a haircut | pay the phone bill | send invoice to acme",
    "prepare slides for monday | review the contract | fix the bike | mow the lawn",
    "buy a birthday card for sam | call grandma | cancel gym membership | pick up the kids",
    "make a vet appointment for luna | update my cv | write thank-you notes",
    "defrost the freezer | clean the fridge | wrap presents | print boarding passes",
    "change the bedsheets | reply to mark | read chapter 4 | practice piano | go for a run",
    "meal prep | file taxes | check tyre pressure | paint the fence | sort out the garage",
    "buy a new charger | plan dad's party | back up laptop | call the insurance company",
    "get quotes for the roof | pay council tax | renew car insurance | vacuum the stairs",
    "book a table at luigi's | send mum flowers | buy stamps | hang the shelves",
)
KEYWORD = one_of(
    "dentist | rent | milk | laundry | report | gym | vet | plumber | passport | garage",
    "haircut | bank | invoice | slides | insurance | bins | taxes | party",
)
ORDINAL = one_of("first | second | third | fourth | last | 2nd | 1st | 3rd")
TASK_ID = one_of("#1 | #2 | #3 | #4 | #5 | #7 | #8 | #12 | #15 | #23")
# A task named or counted, for verbs that read oddly with a pronoun ("tick off it").
NAMED_REF = shaped(
    "{task} | {task} | the {keyword} one | the {keyword} task | my {keyword} task",
    "{task_id} | task {number} | the {ordinal} one | the {ordinal} task",
    "the {task} task | '{task}' | the {keyword} thing",
    task=TASK,
    keyword=KEYWORD,
    task_id=TASK_ID,
    ordinal=ORDINAL,
    number=one_of("2 | 3 | 4 | 6 | 9 | 11"),
)
REF = shaped("{named} | {named} | {named} | it | that | that one | this one", named=NAMED_REF)
GROCERY = one_of(
    "milk | eggs | bread | butter | cheese | apples | bananas | coffee | oat milk | rice",
    "pasta | toilet paper | dish soap | olive oil | onions | garlic | tomatoes | yogurt",
    "cereal | chicken thighs | spinach | batteries | bin bags | tea bags | sugar | flour",
    "peanut butter | frozen peas | avocados | lemons | shampoo | cat food | ketchup",
)
GROCERIES = shaped(
    "{a}, {b} and {c} | {a} and {b} | {a}, {b}, {c} | {a} + {b} | {a} & {b}",
    "{a}, {b}, {c} and {d}",
    a=GROCERY,
    b=GROCERY,
    c=GROCERY,
    d=GROCERY,
)
TASKS = shaped(
    "{a} and {b} | {a}, {b} and {c} | {a}; {b} | {a}, {b}, {c} | {a} & {b}",
    a=TASK,
    b=TASK,
    c=TASK,
)
PROJECT = one_of(
    "groceries | shopping | work | home | personal | errands | travel | chores | garden",
    "school | wedding | holidays | side project | reading | fitness | party | house move",
    "costco | uni | christmas",
)
SHOPPING_LIST = one_of("shopping | grocery | groceries | shopping | costco")
NEW_PROJECT = one_of(
    "holidays | wedding | books to read | gift ideas | kitchen reno | camping trip",
    "side hustle | taxes 2025 | garden | baby stuff | movies to watch | house move",
    "japan trip | fitness goals | birthday party | work | groceries | recipes to try",
)
PROJECT_TOPIC = one_of(
    "work stuff | the house move | my trip to spain | uni assignments | the wedding",
    "christmas shopping | the garden | home repairs | my side project | the kids' school",
    "the new job | our holiday | the bathroom refurb | gym stuff | party planning",
)
MY = one_of("my | my | the | our")
LIST_NOUN = one_of("list | list | project | tasks")
DAY = one_of(
    "monday | tuesday | wednesday | thursday | friday | saturday | sunday",
    "mon | tue | tues | wed | thu | thurs | fri | sat | sun",
)
CLOCK = one_of(
    "5pm | 5 pm | 9am | 9:30 | 10:00 | 7:15am | noon | 6 | 18:30 | 3pm | 8 am | 4:45pm",
    "midday | 11 | 2.30pm",
)
NTH = one_of("1st | 2nd | 3rd | 5th | 12th | 15th | 20th | 21st | 28th | 30th")
WHEN = shaped(
    "tomorrow | tmrw | today | tonight | tomorrow at {clock} | tomorrow {clock}",
    "today at {clock} | next {day} | on {day} | {day} at {clock} | {day} {clock}",
    "next {day} at {clock} | this {day} | on the {nth} | by the {nth} | the {nth} at {clock}",
    "in {amount} | next week | this weekend | at {clock} | by friday | end of the month",
    "by eod | the day after tomorrow | {month} {nth} | on {month} {nth} | {slash_date}",
    "this evening | {day} morning | next month | in a week | on the weekend",
    clock=CLOCK,
    day=DAY,
    nth=NTH,
    amount=one_of(
        "2 hours | an hour | 30 mins | 20 minutes | 3 days | two weeks | half an hour | 10 min"
    ),
    month=one_of("jan | march | april | may | june | sept | oct | december"),
    slash_date=one_of("3/14 | 12/5 | 1/31 | 6/1 | 10/10"),
)
RECURRENCE = shaped(
    "every {day} | every {day} at {clock} | every day | every day at {clock} | daily",
    "weekly | every weekday | every weekday at {clock} | every other week | every 2 weeks",
    "monthly | every month on the 1st | every year | every morning | every evening",
    "every night at {clock} | each {day} | every {day} and {day2} | every 3 months",
    "on the first of every month | every other {day} | biweekly | every weekend",
    day=DAY,
    day2=DAY,
    clock=CLOCK,
)
PRIORITY = one_of(
    "high priority | p1 | p2 | p3 | urgent | low priority | top priority | important",
    "priority 1 | medium priority | priority high | highest priority",
)
LABEL = one_of("@home | @errands | @work | @calls | @waiting | @health | @garden")
LABEL_NAME = one_of("errands | home | calls | health | waiting | urgent | weekend")
QUICK_TAGS = shaped(
    "#{project} | #{project} p{n} | p{n} | {label} | #{project} {label} | {label} p{n}",
    "#{project} p{n} {label}",
    project=one_of("work | home | errands | personal | garden | travel"),
    n=one_of("1 | 2 | 3 | 4"),
    label=LABEL,
)
NEW_TIME = shaped(
    "{clock} | {day} | next {day} | tomorrow | tomorrow at {clock} | {day} at {clock}",
    "next week | the {nth} | later today | monday morning | the weekend | next month",
    "{day} afternoon | tonight",
    clock=CLOCK,
    day=DAY,
    nth=NTH,
)
DELAY = one_of("an hour | 30 minutes | a day | two days | a week | 15 mins | 2 hours | a few days")
UNTIL = one_of(
    "till tomorrow | until monday | to next week | until the weekend | till friday",
    "for an hour | until tonight | to later | by a day | to next month",
)
MEETING = one_of(
    "meeting with jenny | call with the accountant | team lunch | 3pm meeting | standup",
    "dentist appointment | 1:1 with my manager | vet appointment | parent teacher meeting",
    "call with dave | doctor's appointment | meeting with the landlord",
)
COLOUR = one_of("blue | red | green | purple | orange | yellow | pink | teal | grey | dark blue")
PERIOD = one_of(
    "today | tomorrow | this week | next week | this weekend | on friday | for monday",
    "this month | tonight | in the next 3 days | before friday | on the 3rd | tmrw",
    "next month | on sunday | this afternoon | for the weekend | later today",
)
DONE_PERIOD = one_of(
    "this week | today | yesterday | last week | this month | so far this week | since monday"
)
OVERDUE = one_of("overdue | late | past due")
HELP_ACTION = one_of(
    "add a task | delete a list | make a task repeat | set a due date | change the priority",
    "rename a project | move a task to another list | mark a task as done | undo a change",
    "reopen a finished task | see my overdue tasks | add labels | add several tasks at once",
    "use quick add | create a new list | search my tasks | archive a list | set reminders",
    "change a list's colour | see what i finished | use the # and @ tags | rename a task",
)

TASK_SLOTS: Mapping[str, Slot] = {
    "task": TASK,
    "task2": TASK,
    "tasks": TASKS,
    "keyword": KEYWORD,
    "ref": REF,
    "named_ref": NAMED_REF,
    "grocery": GROCERY,
    "groceries": GROCERIES,
    "project": PROJECT,
    "project2": PROJECT,
    "shopping": SHOPPING_LIST,
    "new_project": NEW_PROJECT,
    "topic": PROJECT_TOPIC,
    "my": MY,
    "list": LIST_NOUN,
    "when": WHEN,
    "recurrence": RECURRENCE,
    "priority": PRIORITY,
    "label": LABEL,
    "label_name": LABEL_NAME,
    "tags": QUICK_TAGS,
    "new_time": NEW_TIME,
    "new_time2": NEW_TIME,
    "delay": DELAY,
    "until": UNTIL,
    "meeting": MEETING,
    "colour": COLOUR,
    "period": PERIOD,
    "done_period": DONE_PERIOD,
    "overdue": OVERDUE,
    "task_id": TASK_ID,
    "ordinal": ORDINAL,
    "help_action": HELP_ACTION,
}
