/* What a key does. ACTION_INFO is the one list of actions: it generates the enum, the names
 * and the help text, so the help overlay cannot drift from what the keys do. */
#ifndef WAR_UI_ACTION_H
#define WAR_UI_ACTION_H

/* _(ID, "name", "help text") */
#define ACTION_INFO(_)                                                                             \
	_(NONE, "none", "")                                                                        \
	_(QUIT, "quit", "Quit (every change is already saved)")                                    \
	_(HELP, "help", "Show the keys of this screen")                                            \
	_(VIEW_START, "view-start", "Start screen: recent reviews, new review, demo")              \
	_(VIEW_WORKLOAD, "view-workload", "Workload definition form")                              \
	_(VIEW_CHECKLIST, "view-checklist", "Pre-review checklist")                                \
	_(VIEW_WALK, "view-questions", "Question walk")                                            \
	_(VIEW_DASHBOARD, "view-risks", "Risk dashboard")                                          \
	_(VIEW_ROADMAP, "view-roadmap", "Improvement roadmap")                                     \
	_(VIEW_CALC, "view-availability", "Availability calculator")                               \
	_(WORKSHOP, "workshop", "Workshop mode on/off: timer, large layout, participants")         \
	_(THEME, "theme", "Switch to the next colour theme")                                       \
	_(REDRAW, "redraw", "Redraw the screen")                                                   \
	_(UP, "up", "Move up")                                                                     \
	_(DOWN, "down", "Move down")                                                               \
	_(LEFT, "left", "Move left / previous pane")                                               \
	_(RIGHT, "right", "Move right / next pane")                                                \
	_(PAGE_UP, "page-up", "Page up")                                                           \
	_(PAGE_DOWN, "page-down", "Page down")                                                     \
	_(HOME, "home", "First item")                                                              \
	_(END, "end", "Last item")                                                                 \
	_(NEXT_PANE, "next-pane", "Next pane")                                                     \
	_(PREV_PANE, "prev-pane", "Previous pane")                                                 \
	_(ENTER, "enter", "Open, choose or edit the selected item")                                \
	_(BACK, "back", "Close or go back")                                                        \
	_(CLICK, "click", "Select the item under the mouse")                                       \
	_(TOGGLE, "toggle", "Tick or untick the selected item")                                    \
	_(NOTES, "notes", "Edit this question's discussion notes")                                 \
	_(SEARCH, "search", "Search questions and best practices (empty: search again)")           \
	_(JUMP, "jump", "Go to a question or best practice by ID, such as REL10")                  \
	_(NEXT_UNANSWERED, "next-unanswered", "Next open: unanswered question or open practice")   \
	_(PREV_UNANSWERED, "prev-unanswered", "Previous open question or practice")                \
	_(FLAG, "flag", "Flag or unflag the question for follow-up")                               \
	_(NOT_APPLICABLE, "not-applicable", "Mark the question not applicable, with a reason")     \
	_(NONE_OF_THESE, "none-of-these", "None of these best practices is in place")              \
	_(TIMER_RESET, "timer-reset", "Restart the question's workshop timer")                     \
	_(NEW, "new", "Create a new review file")                                                  \
	_(OPEN, "open", "Open a review file by name")                                              \
	_(DEMO, "demo", "Open the demo review")                                                    \
	_(CLEAR, "clear", "Clear the field's value")                                               \
	_(CHOICE_NEXT, "choice-next", "Next value of a field with choices")                        \
	_(CHOICE_PREV, "choice-prev", "Previous value of a field with choices")                    \
	_(CHOOSE_TYPED, "choose-typed", "Choose the value that starts with the letters typed")     \
	_(CHAR, "type", "Type text (UTF-8; pasting several lines works)")                          \
	_(NEWLINE, "newline", "Start a new line")                                                  \
	_(CURSOR_LEFT, "cursor-left", "Move the cursor one character left")                        \
	_(CURSOR_RIGHT, "cursor-right", "Move the cursor one character right")                     \
	_(CURSOR_UP, "cursor-up", "Move the cursor one line up")                                   \
	_(CURSOR_DOWN, "cursor-down", "Move the cursor one line down")                             \
	_(BACKSPACE, "backspace", "Delete the character before the cursor")                        \
	_(DELETE, "delete", "Delete the character under the cursor")                               \
	_(LINE_START, "line-start", "Go to the start of the line")                                 \
	_(LINE_END, "line-end", "Go to the end of the line")                                       \
	_(KILL_END, "kill-to-end", "Delete to the end of the line")                                \
	_(KILL_START, "kill-to-start", "Delete to the start of the line")                          \
	_(DONE, "done", "Stop editing (the text is already saved)")                                \
	_(ACCEPT, "accept", "Accept")                                                              \
	_(ACCEPT_NEXT, "accept-next", "Accept, and go on typing in the next field")                \
	_(ACCEPT_PREV, "accept-prev", "Accept, and go on typing in the previous field")            \
	_(FIELD_NEXT, "field-next", "Type in the next field")                                      \
	_(FIELD_PREV, "field-prev", "Type in the previous field")                                  \
	_(CANCEL, "cancel", "Cancel")                                                              \
	_(COMPLETE, "complete", "Complete the file name; several that match are listed")           \
	_(PICK, "pick", "Choose the item with that number")                                        \
	_(EXPORT, "export", "Export a report: Markdown unless you name json, csv or html")         \
	_(MILESTONE, "milestone", "Record a named milestone of the answers and risks")             \
	_(EVIDENCE, "evidence", "Collect live evidence for this question")                         \
	_(EVIDENCE_ALL, "evidence-all", "Collect evidence for every question, in the background")  \
	_(ACCEPT_EVIDENCE, "accept-evidence", "Accept the evidence's suggestion for the practice") \
	_(ACCEPT_ALL, "accept-all-evidence", "Accept every suggestion of the evidence here")       \
	_(OWNER, "owner", "Set the item's owner (empty: nobody)")                                  \
	_(STATUS, "status", "Next status: planned, in progress, done")                             \
	_(WONT_DO, "wont-do", "Mark the item won't do, with the reason")                           \
	_(WEEK, "week", "Set the item's target week (empty: the plan's)")                          \
	_(EFFORT, "effort", "Next effort: low, medium, high, the question set's")                  \
	_(DIFF, "diff", "Progress since the last milestone, or back to the roadmap")               \
	_(UNDO, "undo", "Undo the last change to the review (many levels, this session)")          \
	_(REDO, "redo", "Redo the change undone last")                                             \
	_(COMPONENTS, "components", "Edit the workload's components (the availability model)")     \
	_(PUSH, "push", "Push the review to the Well-Architected Tool (a preview first)")          \
	_(PULL, "pull", "Pull a workload from the Well-Architected Tool into a new review")        \
	_(CONFIRM, "confirm", "Yes: go ahead")                                                     \
	_(ADD, "add", "Add one")                                                                   \
	_(REMOVE, "remove", "Remove the selected one")

#define ACTION_ENUM(id, name, help) ACT_##id,
enum action { ACTION_INFO(ACTION_ENUM) ACT_COUNT };
#undef ACTION_ENUM

/* The action's name ("next-unanswered") and help text; static strings, "" when unknown. */
const char *action_name(enum action a);
const char *action_help(enum action a);

/* The action called name, or ACT_NONE. */
enum action action_find(const char *name);

#endif
