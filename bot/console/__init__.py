"""The web console under /quanly/: commanders' and admins' pages over the same services as the
chat. A desk layer only: requests become service calls, their results pages. No SQL here and
no rule of its own (tests/bot/test_console_shell.py refuses a `storage` or `sqlalchemy`
import under bot/console/ other than the desk's repository factory)."""
