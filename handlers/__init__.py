"""The conversations: a channel-neutral engine and the flows members walk through."""
