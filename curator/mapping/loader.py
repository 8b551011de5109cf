"""Which vocabulary a name or path stands for: the shipped hub-core, a curator vocabulary file, or a
Table Schema file or folder; read once and kept while its files stay the same.

Apart from ``vocabulary.py`` (the model and its own format) so that the Table Schema import can
build a ``Vocabulary`` without importing what loads it.
"""

from __future__ import annotations

from pathlib import Path

from curator.errors import InputError, Location
from curator.inputs import read_json
from curator.mapping.tableschema import import_table_schema
from curator.mapping.vocabulary import VOCABULARY_FORMAT, Vocabulary, read_vocabulary_file
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.resources import resource_path

_cache: dict[tuple[str, tuple[tuple[str, int, int], ...]], Vocabulary] = {}


def _stat_key(path: Path) -> tuple[tuple[str, int, int], ...]:
    """What the cache must notice: every file a vocabulary is read from (its code-list folder too)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".json", ".csv"))
    else:
        companion = path.parent / path.stem
        files = [path, *(sorted(companion.glob("*.csv")) if companion.is_dir() else [])]
    stats = []
    for file in files:
        info = file.stat()
        stats.append((str(file), info.st_mtime_ns, info.st_size))
    return tuple(stats)


def load_vocabulary(id_or_path: str | Path | None = None) -> Vocabulary:
    """The shipped hub-core (``None`` or ``"hub-core"``), a vocabulary file, or a Table Schema file/folder."""
    if id_or_path is None or str(id_or_path) == "hub-core":
        path = resource_path("vocabularies", "hub-core.json")
    else:
        path = Path(id_or_path)
        if not path.exists():
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "vocabulary '{vocabulary}' not found"),
                                  vocabulary=id_or_path), Location(file=str(id_or_path)),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Give 'hub-core', a vocabulary JSON file, or a Table "
                                                                 "Schema file or folder.")))
    path = path.resolve()
    key = (str(path), _stat_key(path))
    if key in _cache:
        return _cache[key]
    if path.is_dir():
        vocabulary = import_table_schema(path, load_vocabulary("hub-core"))
    else:
        data = read_json(path, QT_TRANSLATE_NOOP("core", "vocabulary"))
        if not isinstance(data, dict):
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the vocabulary file does not hold a JSON object")),
                             Location(file=path))
        if data.get("format") == VOCABULARY_FORMAT:
            vocabulary = read_vocabulary_file(path, data)
        elif "fields" in data:
            vocabulary = import_table_schema(path, load_vocabulary("hub-core"))
        else:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "this JSON file is neither a curator vocabulary nor a "
                                                            "Table Schema")), Location(file=path),
                             hint=Text(QT_TRANSLATE_NOOP("core", "A Table Schema has a 'fields' list; a curator "
                                                                 "vocabulary has \"format\": \"curator-vocabulary\".")))
    _cache[key] = vocabulary
    return vocabulary
