"""The plugin manager factory and the collected registry of plugin contributions."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from gdcc_audit import hookspecs
from gdcc_audit.entrypoints import has_plugins
from gdcc_audit.errors import PluginError
from gdcc_audit.evaluate.rule import Rule
from gdcc_audit.load.interface import Loader
from gdcc_audit.normalize.interface import Mapper
from gdcc_audit.report.interface import Reporter
from gdcc_audit.settings import Settings

#: Built-in plugins, registered before third-party ones.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "gdcc_audit.load.plugin",
    "gdcc_audit.govern.plugin",
    "gdcc_audit.normalize.plugin",
    "gdcc_audit.evaluate.checks.plugin",
    "gdcc_audit.frameworks.plugin",
    "gdcc_audit.report.plugin",
)


def make_plugin_manager(
    *, entry_points: bool = True, plugins: tuple[object, ...] = ()
) -> pluggy.PluginManager:
    """A new plugin manager with the built-ins, entry-point plugins and ``plugins`` registered."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        manager.register(importlib.import_module(name), name=name)
    if entry_points and has_plugins(hookspecs.PROJECT):
        try:
            manager.load_setuptools_entrypoints(hookspecs.PROJECT)
        except Exception as exc:
            raise PluginError(
                f"a plugin of the 'gdcc_audit' entry-point group failed: {exc}"
            ) from exc
    for plugin in plugins:
        manager.register(plugin)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from exc
    return manager


@dataclass
class Registry:
    """Everything the plugins contributed for one audit."""

    loaders: list[Loader] = field(default_factory=list)
    mappers: dict[str, Mapper] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    frameworks: list[Path] = field(default_factory=list)
    reporters: dict[str, Reporter] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id."""
        return next((r for r in self.rules if r.id == rule_id), None)


def collect(manager: pluggy.PluginManager, settings: Settings) -> Registry:
    """Call the register_* hooks and validate what they return."""
    registry = Registry()
    hook = manager.hook
    try:
        for loaders in hook.register_loaders(settings=settings):
            registry.loaders.extend(loaders)
        for mappers in reversed(hook.register_mappers(settings=settings)):
            for mapper in mappers:
                for fmt in mapper.formats:
                    registry.mappers[fmt] = mapper
        seen: dict[str, str] = {}
        for rules in reversed(hook.register_rules(settings=settings)):
            for rule in rules:
                if not isinstance(rule, Rule):
                    raise PluginError(f"register_rules returned {rule!r}, not a Rule")
                if rule.id in seen:
                    raise PluginError(
                        f"rule id {rule.id} is registered twice (packs {seen[rule.id]} and "
                        f"{rule.meta.pack})"
                    )
                seen[rule.id] = rule.meta.pack
                registry.rules.append(rule)
        for paths in hook.register_frameworks(settings=settings):
            registry.frameworks.extend(paths)
        registry.reporters = collect_reporters(manager)
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(f"a plugin hook failed: {type(exc).__name__}: {exc}") from exc
    registry.rules.sort(key=lambda r: r.id)
    return registry


def collect_reporters(manager: pluggy.PluginManager) -> dict[str, Reporter]:
    """Reporters by format name; a format named twice is a PluginError."""
    reporters: dict[str, Reporter] = {}
    for group in reversed(manager.hook.register_reporters()):
        for reporter in group:
            if reporter.format in reporters:
                raise PluginError(f"output format {reporter.format!r} is registered twice")
            reporters[reporter.format] = reporter
    return reporters
