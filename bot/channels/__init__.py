"""Channel adapters: each turns its channel's updates into `Incoming` and renders `Outgoing`.

Each is a plugin (`base.ChannelPlugin`) known to `registry`, which the app builds from."""
