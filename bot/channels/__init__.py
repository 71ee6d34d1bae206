"""Channel adapters: each turns its channel's updates into `Incoming` and renders `Outgoing`."""
