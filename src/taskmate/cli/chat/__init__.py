"""``taskmate chat``: the terminal chat on ``taskmate.client``."""
