"""The channel plugins this bot knows, in the order their routes are asked about a request."""

from __future__ import annotations

from bot.channels import telegram, web, zalo
from bot.channels.base import ChannelPlugin
from bot.settings import Settings
from handlers import channels as capability_table

_plugins: dict[str, ChannelPlugin] = {}


def register(plugin: ChannelPlugin) -> None:
    """Known from now on; its capabilities are what the core and storage ask of it."""
    _plugins[plugin.name] = plugin
    capability_table.declare(plugin.name, plugin.capabilities)


def unregister(name: str) -> None:
    _plugins.pop(name, None)
    capability_table.withdraw(name)


def plugins() -> list[ChannelPlugin]:
    return list(_plugins.values())


def configured(settings: Settings) -> list[ChannelPlugin]:
    """The plugins this deployment runs, a catch-all page (the web chat) last."""
    running = [plugin for plugin in _plugins.values() if plugin.configured(settings)]
    return sorted(running, key=lambda plugin: plugin.capabilities.mailbox)


# The messengers before the web chat: its routes' body limit answers for any other path.
for _builtin in (telegram.PLUGIN, zalo.PLUGIN, web.PLUGIN):
    register(_builtin)
