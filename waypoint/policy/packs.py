"""Loading policy packs and service configuration from YAML, validated on load.

Layout (the built-in packs in waypoint/packs/, and any directory a service keeps its own configuration in)::

    <root>/<service>/service.yaml          closures, default options, default working week
    <root>/<service>/<pack-name>.yaml      one pack per programme, or service-wide (id: <service>/<pack-name>)

A service's packs are the built-in ones overlaid by those of each extra directory, in order: a pack with the
same id replaces the built-in one, and a later service.yaml replaces the earlier one. Every file is validated;
one bad file raises ``PackError`` listing each problem with its YAML path.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from waypoint.policy.calendar import MON_FRI, Calendar, WorkingPattern
from waypoint.policy.engine import CompiledPack, compile_pack
from waypoint.policy.schema import PackError, ServiceConfig, parse_pack, parse_service

PACKS_ROOT = Path(__file__).resolve().parent.parent / "packs"
SERVICE_FILE = "service.yaml"


@dataclass
class Service:
    config: ServiceConfig
    packs: list[CompiledPack] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.config.service

    def calendar(self, extra_closures: list[date] | tuple[date, ...] = ()) -> Calendar:
        return Calendar([*self.config.closures, *extra_closures])

    @property
    def default_pattern(self) -> WorkingPattern:
        names = self.config.default_working_days
        return WorkingPattern.from_names(names) if names else MON_FRI

    def packs_for(self, programme: str) -> list[CompiledPack]:
        return [pack for pack in self.packs if pack.covers(programme)]

    def pack(self, pack_id: str) -> CompiledPack:
        for pack in self.packs:
            if pack.id == pack_id:
                return pack
        raise KeyError(pack_id)


def read_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise PackError(str(path), [f"not valid YAML{where}: {getattr(error, 'problem', error)}"]) from None


def load_pack_file(path: Path) -> CompiledPack:
    """Read, validate and compile one pack file."""
    data = read_yaml(path)
    model = parse_pack(data, str(path))
    expected = f"{path.parent.name}/{path.stem}"
    if model.id != expected:
        raise PackError(str(path), [f"id: {model.id!r} must match the file's place, {expected!r}"])
    return compile_pack(model, str(path))


def service_dirs(service: str, roots: tuple[Path, ...]) -> list[Path]:
    return [root / service for root in roots if (root / service).is_dir()]


def available_services(extra_dirs: tuple[str | Path, ...] = ()) -> list[str]:
    roots = (PACKS_ROOT, *map(Path, extra_dirs))
    found = set()
    for root in roots:
        if root.is_dir():
            found.update(child.name for child in root.iterdir() if (child / SERVICE_FILE).is_file())
    return sorted(found)


@functools.lru_cache(maxsize=64)
def _load_service(service: str, roots: tuple[Path, ...]) -> Service:
    directories = service_dirs(service, roots)
    config = None
    packs: dict[str, CompiledPack] = {}
    for directory in directories:
        config_path = directory / SERVICE_FILE
        if config_path.is_file():
            config = parse_service(read_yaml(config_path), str(config_path))
            if config.service != service:
                raise PackError(str(config_path), [f"service: {config.service!r} must be {service!r}"])
        for path in sorted(directory.glob("*.yaml")):
            if path.name == SERVICE_FILE:
                continue
            pack = load_pack_file(path)
            packs[pack.id] = pack
    if config is None:
        raise KeyError(service)
    return Service(config, sorted(packs.values(), key=lambda pack: pack.id))


def pack_files(service: str, extra_dirs: tuple[str | Path, ...] = ()) -> dict[str, Path]:
    """Each pack id of a service and the file it is loaded from (a service's own directory overlays the built-in)."""
    roots = (PACKS_ROOT, *(Path(directory).resolve() for directory in extra_dirs))
    files: dict[str, Path] = {}
    for directory in service_dirs(service, roots):
        for path in sorted(directory.glob("*.yaml")):
            if path.name != SERVICE_FILE:
                files[f"{service}/{path.stem}"] = path
    return files


def compile_pack_text(text: str, where: str) -> CompiledPack:
    """Validate and compile a pack from its text (a stored version of a pack file)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PackError(where, [f"not valid YAML: {getattr(error, 'problem', error)}"]) from None
    return compile_pack(parse_pack(data, where), where)


def load_service(service: str, extra_dirs: tuple[str | Path, ...] = ()) -> Service:
    """A service's configuration and compiled packs (cached); KeyError if no service.yaml names it."""
    roots = (PACKS_ROOT, *(Path(directory).resolve() for directory in extra_dirs))
    return _load_service(service, roots)
