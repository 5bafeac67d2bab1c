"""The hub's own words in each language: a gettext catalogue per language, read with Babel.

Page titles, labels, the sheet's instructions and every other text the generator writes itself
are English in the code, marked `_("...")` (or `N_("...")` where they are defined before the
language is known), and translated from `generator/locales/<locale>/LC_MESSAGES/learnhub.po`.
PO is what translators and their tools (Weblate, Crowdin, Poedit) handle best; it is read as
text here and compiled in memory, so no binary .mo file is kept in the repository.
The content's own text is translated in content/i18n/ instead (see content/translations.py).
"""

from __future__ import annotations

import gettext as gettext_module
import io
from functools import cache
from pathlib import Path

#: The language the generator's own words are written in.
SOURCE = "en"
LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "learnhub"


def N_(message: str) -> str:
    """Mark a text for translation where it is defined; it is translated where it is used."""
    return message


def babel_locale(language: str) -> str:
    """A language code as Babel and gettext name the locale: `pt-PT` -> `pt_PT`."""
    return language.replace("-", "_")


def catalogue_path(language: str) -> Path:
    return LOCALES / babel_locale(language) / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext_module.NullTranslations:
    """The catalogue of `language`; the source language (or one with no catalogue) translates nothing."""
    path = catalogue_path(language)
    if language == SOURCE or not path.is_file():
        return gettext_module.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=babel_locale(language))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


def gettext(language: str, message: str) -> str:
    return translations(language).gettext(message)


def ngettext(language: str, singular: str, plural: str, count: int) -> str:
    return translations(language).ngettext(singular, plural, count)


class Words:
    """The generator's words in one language: `words("Day %(n)s", n=1)`, `words.n(...)`."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, message: str, **values: object) -> str:
        text = gettext(self.language, message)
        return text % values if values else text

    def n(self, singular: str, plural: str, number: int, **values: object) -> str:
        """The form for `number`; `%(count)s` is the number unless `values` gives it otherwise."""
        text = ngettext(self.language, singular, plural, number)
        return text % {"count": number, **values}


def words(language: str) -> Words:
    return Words(language)
