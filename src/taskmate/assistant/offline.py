"""The offline assistant: reads each message with the rule-based interpreter and acts with the
task tools, with no language model. Deletes always ask first."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from taskmate.assistant.confirm import (
    UNDO_WINDOW,
    confirmation,
    declined,
    delete_project_question,
    delete_tasks_question,
)
from taskmate.assistant.interpreter import (
    AddProject,
    AddTasks,
    Args,
    Chat,
    CompleteTasks,
    DeleteProject,
    DeleteTasks,
    FindTasks,
    Help,
    Interpretation,
    ListProjects,
    NewTask,
    ReopenTasks,
    SnoozeReminder,
    TaskChanges,
    TaskRef,
    Undo,
    Unknown,
    UpdateProject,
    UpdateTasks,
    interpret,
    reply_text,
)
from taskmate.assistant.latest_undo import UNDO_STEP, LatestUndo, Undone, undone_reply
from taskmate.assistant.memory import recall
from taskmate.assistant.pastes import paste
from taskmate.assistant.readings import described
from taskmate.assistant.reminder_tools import REMINDER_TOOLS, ReminderTools
from taskmate.assistant.resolve import Resolver
from taskmate.assistant.titles import conversation_title
from taskmate.assistant.tools import TaskTools
from taskmate.assistant.touched import touched
from taskmate.assistant.typed_answers import typed_answers
from taskmate.assistant.wording.phrases import Wording
from taskmate.assistant.wording.reminders import reminder_reply
from taskmate.assistant.wording.results import reply
from taskmate.assistant.wording.style import date_style
from taskmate.chat.responder import (
    Choice,
    ChoiceOption,
    Output,
    Step,
    StepDone,
    Title,
    ToolCallFinished,
    ToolCallStarted,
    Turn,
)
from taskmate.chat.scripted import text_deltas
from taskmate.db.engine import Database
from taskmate.errors import AppError
from taskmate.tasks.fields import UNSET, ProjectFields
from taskmate.tasks.listing import TaskFilters

Json = dict[str, Any]
READ_ONLY = frozenset({"find_tasks", "list_projects", "find_reminders"})
NOT_UNDONE = READ_ONLY | {"snooze_reminder"}  # a snooze is taken back by snoozing again
CANCEL = ChoiceOption(id="cancel", label="Cancel")
ADD = ChoiceOption(id="confirm", label="Add", style="primary")
NO_THANKS = ChoiceOption(id="cancel", label="No thanks")
LEFT_AS_THEY_ARE = "Okay, I left your tasks as they are."
NAMES_IDS = re.compile(r"#\d")  # a message naming tasks by id gets ids back
WORD_PAUSE = 0.03  # seconds between the words of a reply: reads as typing, and each word
# gets a delta of its own (the runner coalesces 30 ms)


class Interpret(Protocol):
    def __call__(self, text: str, *, now: datetime) -> Interpretation: ...


class OfflineResponder:
    """``interpret`` reads each message (the interpreter's, unless a test injects another).
    The reply's words stream ``WORD_PAUSE`` apart, faster when that would take longer than
    ``typing`` seconds in all (0: at once)."""

    def __init__(
        self,
        *,
        database: Database,
        tools: TaskTools,
        clock: Callable[[], datetime],
        interpret: Interpret = interpret,
        typing: float = 0.0,
    ) -> None:
        self._typing = typing
        self._database = database
        self._tools = tools
        self._clock = clock
        self._interpret = interpret
        self._undo = LatestUndo(database=database, clock=clock, publisher=tools.publisher)
        self._reminders = ReminderTools(tools)

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        reply = _Reply(
            turn,
            tools=self._tools,
            database=self._database,
            now=self._clock(),
            interpret=self._interpret,
            undo=self._undo,
            reminders=self._reminders,
        )
        async for output in reply.outputs():
            yield output
        if turn.title is None and reply.args is not None:
            title = conversation_title(reply.args, reply.subjects)
            if title is not None:
                yield Title(text=title)
        deltas = text_deltas(reply.answer)
        pause = min(WORD_PAUSE, self._typing / len(deltas)) if deltas else 0.0
        for index, delta in enumerate(deltas):
            if index and pause:
                await asyncio.sleep(pause)
            yield delta


class _Reply:
    """One turn: what it yields, and the answer it ends with."""

    def __init__(
        self,
        turn: Turn,
        *,
        tools: TaskTools,
        database: Database,
        now: datetime,
        interpret: Interpret,
        undo: LatestUndo,
        reminders: ReminderTools,
    ) -> None:
        self._tools = tools
        self._reminders = reminders
        self._database = database
        self._interpret = interpret
        self._undo = undo
        self._turn = turn
        self._user_id = turn.user.user_id
        self._now = now
        self._local_now = self._now.astimezone(ZoneInfo(turn.user.timezone))
        ids = NAMES_IDS.search(turn.message.content) is not None
        # plain: labels and questions
        self._words = Wording(now=self._local_now, style=date_style(turn.user), ids=ids)
        self.answer = ""
        self.args: Args | None = None
        self.subjects: list[str] = []  # the names of what the turn changed
        self._result: Json | None = None
        self._picked: Args | None = None  # the reading picked when two were close

    async def outputs(self) -> AsyncIterator[Output]:
        text = self._turn.message.content
        pasted = paste(text)
        interpretation = self._interpret(pasted.head if pasted else text, now=self._local_now)
        args = interpretation.args
        alternative = interpretation.alternative
        if pasted is not None:
            args = _pasted(args, pasted.notes)
            alternative = alternative and _pasted(alternative, pasted.notes)
        if alternative is not None:
            async for output in self._which_reading(args, alternative):
                yield output
            if self._picked is None:
                return
            args = self._picked
        async for output in self._act(replace(interpretation, args=args, alternative=None)):
            yield output

    async def _act(self, interpretation: Interpretation) -> AsyncIterator[Output]:
        args = self.args = interpretation.args
        if isinstance(args, Undo):
            async for output in self._undo_latest():
                yield output
            return
        if isinstance(args, Unknown) and args.offer is not None:
            question = (
                "I can't do that myself: I look after your tasks and lists."
                f" Add “{args.offer.title}” as a task?"
            )
            async for output in self._offer(question, args.offer):
                yield output
            return
        if (text := reply_text(interpretation)) is not None:
            self.answer = text
            return
        if isinstance(args, UpdateTasks) and (renaming := await self._list_renamed(args)):
            args = self.args = renaming
        user = self._user_id
        if isinstance(args, AddTasks) and (known := _known(args)) is not None:
            steps = self._remind_known(known)
        elif isinstance(args, AddTasks):
            if any(task.title is None for task in args.tasks):
                reminding = any(task.reminder for task in args.tasks)
                self.answer = (
                    "What should I remind you of?"
                    if reminding
                    else "What should the task be called?"
                )
                return
            new = args.tasks
            run = self._tool("add_tasks", args.to_json(), lambda: self._tools.add_tasks(user, new))
            steps = self._stepped(
                "Adding a task" if len(new) == 1 else f"Adding {len(new)} tasks", run
            )
        elif isinstance(args, FindTasks) and args.reminders:
            when = args.when
            run = self._tool(
                "find_reminders",
                args.to_json(),
                lambda: self._reminders.find_reminders(user, when),
            )
            steps = self._stepped("Reading your reminders", run)
        elif isinstance(args, SnoozeReminder):
            minutes = args.minutes
            run = self._tool(
                "snooze_reminder",
                {"minutes": minutes},
                lambda: self._reminders.snooze_reminder(user, minutes),
            )
            steps = self._stepped("Snoozing the reminder", run)
        elif isinstance(args, FindTasks):
            run = self._tool(
                "find_tasks", args.to_json(), lambda: self._tools.find_tasks(user, args)
            )
            steps = self._stepped("Reading your tasks", run)
        elif isinstance(args, CompleteTasks | ReopenTasks | UpdateTasks | DeleteTasks):
            steps = self._on_tasks(args)
        elif isinstance(args, ListProjects):
            run = self._tool("list_projects", {}, lambda: self._tools.list_projects(user))
            steps = self._stepped("Reading your lists", run)
        elif isinstance(args, AddProject):
            steps = self._add_project(args.name)
        elif isinstance(args, DeleteProject):
            steps = self._delete_project(args.name)
        else:
            assert isinstance(args, UpdateProject)
            steps = self._update_project(args)
        async for output in steps:
            yield output

    # Building blocks -------------------------------------------------------------------

    async def _tool(
        self, name: str, arguments: Json, run: Callable[[], Awaitable[Json]]
    ) -> AsyncIterator[Output]:
        """One tool call; its result (None when it failed) is left in ``_result``."""
        call_id = uuid.uuid4().hex
        self._result = None
        yield ToolCallStarted(name=name, arguments=arguments, call_id=call_id)
        try:
            result = await run()
        except AppError as error:
            self.answer = f"That didn't work: {error.message}"
            yield ToolCallFinished(
                result={"error": error.message}, status="failed", call_id=call_id
            )
            return
        self._result = result
        until = None
        if name not in READ_ONLY:
            until = None if name in NOT_UNDONE else self._now + UNDO_WINDOW
            changed = result.get("tasks") or result.get("projects") or []
            self.subjects = [item.get("title") or item["name"] for item in changed]
        yield ToolCallFinished(
            result=result, undo_until=until, call_id=call_id, subjects=touched(name, result)
        )
        self.answer = _answer(replace(self._words, markdown=True), name, result, self.args)

    async def _stepped(self, label: str, run: AsyncIterator[Output]) -> AsyncIterator[Output]:
        yield Step(label=label)
        async for output in run:
            yield output
        yield StepDone(status="done" if self._result is not None else "failed")

    async def _confirm(self, question: str) -> AsyncIterator[Output]:
        """Asks; ``_result`` is ``{"confirmed": True}`` only when the user confirmed."""
        self._result = None
        yield confirmation(question)
        refusal = declined(await self._turn.answers.choice())
        if refusal is None:
            self._result = {"confirmed": True}
        else:
            self.answer = refusal

    # Intents ---------------------------------------------------------------------------

    async def _on_tasks(
        self, args: CompleteTasks | ReopenTasks | UpdateTasks | DeleteTasks
    ) -> AsyncIterator[Output]:
        yield Step(label="Reading your tasks")
        targets = await self._targets(args.target, reopening=isinstance(args, ReopenTasks))
        yield StepDone(status="done" if targets is not None else "failed")
        if targets is None and (missing := _missing(args)) is not None:
            question = f"I couldn't find “{missing.title}”. Add it as a task?"
            async for output in self._offer(question, missing):
                yield output
            return
        if targets is not None and len(targets) > 1 and args.target.kind == "match":
            async for output in self._which(targets):
                yield output
            targets = [
                task for task in targets if self._result and task["id"] == self._result["id"]
            ]
        if not targets:
            return
        ids = [task["id"] for task in targets]
        arguments: Json = {"ids": ids}
        user, tools = self._user_id, self._tools
        if isinstance(args, DeleteTasks):
            async for output in self._confirm(delete_tasks_question(targets, self._words)):
                yield output
            if self._result is None:
                return
            run = self._tool("delete_tasks", arguments, lambda: tools.delete_tasks(user, ids))
        elif isinstance(args, CompleteTasks):
            run = self._tool("complete_tasks", arguments, lambda: tools.complete_tasks(user, ids))
        elif isinstance(args, ReopenTasks):
            run = self._tool("reopen_tasks", arguments, lambda: tools.reopen_tasks(user, ids))
        elif (reminder := args.changes.reminder) is not UNSET:
            reminders = self._reminders
            if reminder is None:
                run = self._tool(
                    "delete_reminders", arguments, lambda: reminders.delete_reminders(user, ids)
                )
            else:
                arguments["reminder"] = reminder.to_json()
                run = self._tool(
                    "add_reminders", arguments, lambda: reminders.add_reminders(user, ids, reminder)
                )
        else:
            changes = args.changes
            arguments["changes"] = changes.to_json()
            run = self._tool(
                "update_tasks", arguments, lambda: tools.update_tasks(user, ids, changes)
            )
        async for output in run:
            yield output

    async def _remind_known(self, new: NewTask) -> AsyncIterator[Output]:
        """ "remind me about the dentist tomorrow morning": a reminder on the user's task of
        that name (which one, when several fit), or the task added with it when none does."""
        assert new.title is not None and new.reminder is not None
        yield Step(label="Reading your tasks")
        memory = await recall(self._database, self._turn.conversation_id, self._user_id)
        resolver = Resolver(self._tools, user_id=self._user_id, memory=memory)
        resolved = await resolver.resolve(TaskRef(kind="match", title=new.title))
        yield StepDone(status="done")
        targets = resolved.tasks
        if not targets and new.due is None:
            self.answer = resolved.problem or ""
            return
        if not targets:
            self.args = AddTasks(tasks=(replace(new, known=False),))
            async for output in self._tool(
                "add_tasks",
                self.args.to_json(),
                lambda: self._tools.add_tasks(self._user_id, [new]),
            ):
                yield output
            return
        if len(targets) > 1:
            async for output in self._which(targets):
                yield output
            if self._result is None:
                return
            targets = [task for task in targets if task["id"] == self._result["id"]]
        ids, reminder = [targets[0]["id"]], replace(new.reminder, at=new.due)
        self.args = UpdateTasks(
            target=TaskRef(kind="ids", ids=tuple(ids)), changes=TaskChanges(reminder=reminder)
        )
        arguments: Json = {"ids": ids, "reminder": reminder.to_json()}
        run = self._tool(
            "add_reminders",
            arguments,
            lambda: self._reminders.add_reminders(self._user_id, ids, reminder),
        )
        async for output in run:
            yield output

    async def _offer(self, question: str, task: NewTask) -> AsyncIterator[Output]:
        """Offers to add ``task``, and adds it when the user accepts."""
        options = [ADD, NO_THANKS]
        yield Choice(text=question, options=options, reads=typed_answers(options))
        if (await self._turn.answers.choice()).option != ADD.id:
            self.answer = LEFT_AS_THEY_ARE
            return
        self.args = AddTasks(tasks=(task,))
        run = self._tool(
            "add_tasks",
            self.args.to_json(),
            lambda: self._tools.add_tasks(self._user_id, [task]),
        )
        async for output in run:
            yield output

    async def _which_reading(self, first: Args, second: Args) -> AsyncIterator[Output]:
        """Asks which of two close readings was meant; ``_picked`` is the one chosen."""
        readings = {"first": first, "second": second}
        options = [ChoiceOption(id=key, label=described(args)) for key, args in readings.items()]
        options.append(CANCEL)
        yield Choice(
            text="What would you like me to do?", options=options, reads=typed_answers(options)
        )
        option = (await self._turn.answers.choice()).option
        self._picked = readings.get(option or "")
        if self._picked is None:
            self.answer = LEFT_AS_THEY_ARE

    async def _undo_latest(self) -> AsyncIterator[Output]:
        yield Step(label=UNDO_STEP)
        outcome = await self._undo.undo(self._turn.conversation_id, self._turn.user)
        self.answer = undone_reply(outcome)
        yield StepDone(status="done" if isinstance(outcome, Undone) else "failed")

    async def _list_renamed(self, args: UpdateTasks) -> UpdateProject | None:
        """ "rename groceries to shopping" renames the list when one has exactly that name and
        no task does."""
        ref, new_title = args.target, args.changes.title
        if ref.kind != "match" or ref.title is None or not isinstance(new_title, str):
            return None
        if args.changes != TaskChanges(title=new_title) or ref.when or ref.project:
            return None
        if await self._tools.project_named(self._user_id, ref.title) is None:
            return None
        key = ref.title.casefold()
        tasks = await self._tools.tasks(self._user_id, TaskFilters(q=ref.title), project=None)
        if any(task["title"].casefold() == key for task in tasks):
            return None
        return UpdateProject(name=ref.title, new_name=new_title)

    async def _targets(self, ref: TaskRef, *, reopening: bool) -> list[Json] | None:
        memory = await recall(self._database, self._turn.conversation_id, self._user_id)
        resolver = Resolver(self._tools, user_id=self._user_id, memory=memory)
        resolved = await resolver.resolve(ref, status="done" if reopening else "open")
        if resolved.problem is not None:
            self.answer = resolved.problem
            return None
        return resolved.tasks

    async def _which(self, candidates: list[Json]) -> AsyncIterator[Output]:
        """Asks which task was meant; ``_result`` is ``{"id": ...}`` for the one picked."""
        self._result = None
        options = [
            ChoiceOption(id=str(task["id"]), label=self._words.line(task)) for task in candidates
        ]
        options.append(CANCEL)
        yield Choice(text="Which one do you mean?", options=options, reads=typed_answers(options))
        answer = await self._turn.answers.choice()
        if answer.option is None or answer.option == CANCEL.id:
            self.answer = "Okay, I left your tasks as they are."
        else:
            self._result = {"id": int(answer.option)}

    async def _add_project(self, name: str | None) -> AsyncIterator[Output]:
        if name is None:
            self.answer = "What should the list be called?"
            return
        run = self._tool(
            "add_project", {"name": name}, lambda: self._tools.add_project(self._user_id, name)
        )
        async for output in run:
            yield output

    async def _project_id(self, name: str | None, *, verb: str) -> int | None:
        """The id of the user's list called ``name``; None (and the answer says why) if none."""
        if name is None:
            self.answer = f"Which list should I {verb}? Tell me its name."
            return None
        project_id = await self._tools.project_named(self._user_id, name)
        if project_id is None:
            self.answer = f"You have no list called “{name}”."
        return project_id

    async def _update_project(self, args: UpdateProject) -> AsyncIterator[Output]:
        verb = "archive" if args.archived is not UNSET else "change"
        project_id = await self._project_id(args.name, verb=verb)
        if project_id is None:
            return
        fields = ProjectFields(name=args.new_name, color=args.color, archived=args.archived)
        arguments: Json = {"project_id": project_id}
        if args.new_name is not UNSET:
            arguments["name"] = args.new_name
        if args.color is not UNSET:
            arguments["color"] = args.color
        if args.archived is not UNSET:
            arguments["archived"] = args.archived
        run = self._tool(
            "update_project",
            arguments,
            lambda: self._tools.update_project(self._user_id, project_id, fields),
        )
        async for output in run:
            yield output

    async def _delete_project(self, name: str | None) -> AsyncIterator[Output]:
        project_id = await self._project_id(name, verb="delete")
        if project_id is None or name is None:
            return
        open_tasks = await self._tools.open_task_count(self._user_id, project_id)
        async for output in self._confirm(delete_project_question(name, open_tasks)):
            yield output
        if self._result is None:
            return
        run = self._tool(
            "delete_project",
            {"project_id": project_id},
            lambda: self._tools.delete_project(self._user_id, project_id),
        )
        async for output in run:
            yield output


def _pasted(args: Args, notes: str) -> Args:
    """A paste's reading: one task, with the rest of the paste as its notes; nothing that
    changes tasks otherwise (a paste is no command to act on)."""
    if isinstance(args, AddTasks) and len(args.tasks) == 1:
        return AddTasks(tasks=(replace(args.tasks[0], notes=notes),))
    if isinstance(args, Unknown) and args.offer is not None:
        return Unknown(offer=replace(args.offer, notes=notes))
    if isinstance(args, FindTasks | ListProjects | Chat | Help | Unknown):
        return args
    return Unknown()


def _missing(args: CompleteTasks | ReopenTasks | UpdateTasks | DeleteTasks) -> NewTask | None:
    """The task to offer when a command names one that does not exist ("complete buy bread",
    "move dentist to friday"), with the date, priority or list the command gave it."""
    ref = args.target
    if ref.kind != "match" or ref.title is None or ref.when is not None:
        return None
    if isinstance(args, CompleteTasks):
        return NewTask(title=ref.title, project=ref.project)
    if not isinstance(args, UpdateTasks):
        return None
    changes = args.changes
    if changes.title is not UNSET:
        return None  # "rename X to Y" when there is no X: adding Y is not what was asked
    return NewTask(
        title=ref.title,
        due=changes.due if changes.due is not UNSET else None,
        recurrence=changes.recurrence if changes.recurrence is not UNSET else None,
        priority=changes.priority if changes.priority is not UNSET else 0,
        project=changes.project if changes.project is not UNSET else ref.project,
    )


def _known(args: AddTasks) -> NewTask | None:
    """The one task of a reminder about something the user may have already."""
    if len(args.tasks) == 1 and args.tasks[0].known and args.tasks[0].title is not None:
        return args.tasks[0]
    return None


def _answer(words: Wording, name: str, result: Json, args: Args | None) -> str:
    query = args if isinstance(args, FindTasks) else None
    if name in REMINDER_TOOLS:
        return reminder_reply(words, name, result, query.when if query else None)
    return reply(words, name, result, query)
