"""The `learnhub` command: validate content, build the site atomically, write schemas, scaffold.

This is the edge where errors become text and exit codes: 0 good, 1 bad content or a failed
build, 2 a usage mistake. The site engine runs in this process through hooks/engine.py, which
is loaded by its path, so the generator itself never imports it; modules are imported inside each command so that `learnhub validate`
starts fast.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import ContentError
    from .content.hub import Loaded


def _print_errors(errors: Sequence[ContentError], style: str) -> None:
    """One line per error: `path:line:col: field: message` on stderr, or (github) workflow commands,
    which the Actions runner reads from stdout."""
    for error in errors:
        if style == "github":
            print(_github(error))
        else:
            print(error, file=sys.stderr)


def _github(error: ContentError) -> str:
    """A GitHub Actions workflow command, so the message appears on the pull request's diff."""
    def clean(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    level = "warning" if error.severity == "warning" else "error"
    where = f"file={clean(error.path)},line={error.line},col={error.column}"
    return f"::{level} {where}::{clean(error.field + ': ' if error.field else '')}{clean(error.message)}"


def _load(root: Path, strict: bool, style: str = "text", *, with_results: bool = True) -> Loaded | None:
    """The hub, or None after printing every error (and warning) located."""
    from .errors import ContentErrors
    from .content.hub import load_hub

    try:
        loaded = load_hub(root, strict=strict, with_results=with_results)
    except ContentErrors as exc:
        _print_errors(exc.errors, style)
        count = sum(1 for e in exc.errors if e.severity == "error")
        print(f"{count} error{'s' if count != 1 else ''} in the content", file=sys.stderr)
        return None
    _print_errors(loaded.warnings, style)
    return loaded


def summary(loaded: Loaded) -> str:
    hub = loaded.hub
    return (f"ok: {len(hub.days)} days, {len(hub.prompts)} prompts, {len(hub.activities)} activities, "
            f"{len(hub.resources)} resources")


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = _load(args.root, args.strict, args.format)
    if loaded is None:
        return 1
    print(summary(loaded))
    return 0


def _engine(root: Path) -> ModuleType:
    """The site engine's runner (hooks/engine.py), loaded by its path as MkDocs loads the hook beside
    it, so that MkDocs runs in this process while the generator itself never imports it."""
    path = root / "hooks" / "engine.py"
    spec = importlib.util.spec_from_file_location("learnhub_engine", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mkdocs(root: Path, *args: str, config: str = "mkdocs.yml") -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args, "--config-file", str(root / config)]


def _engine_env() -> dict[str, str]:
    """The site engine's environment: its end-of-life banner is said once in the README."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def cmd_build(args: argparse.Namespace) -> int:
    root: Path = args.root
    loaded = _load(root, args.strict)
    if loaded is None:
        print("build stopped; the previous site is unchanged", file=sys.stderr)
        return 1
    target = (root / args.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent))
    try:
        if args.engine == "zensical":
            built = _build_with_zensical(root, loaded, staging)
        else:
            built = _build_with_mkdocs(root, loaded, staging)
        if not built:
            print("build failed; the previous site is unchanged", file=sys.stderr)
            return 1
        swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"{summary(loaded)}; built {os.path.relpath(target)}/")
    return 0


def _build_with_mkdocs(root: Path, loaded: Loaded, staging: Path) -> bool:
    """The hub built by MkDocs in this process, from the model just loaded; on failure print the
    engine's warnings and errors and return False."""
    from .build import hand_over

    # The build starts first (its downloads in worker processes), then the engine is imported and
    # started: its hook takes this build, made from this model, instead of reading the content again.
    with hand_over(root, loaded):
        engine = _engine(root)
        try:
            engine.build(root, staging)
        except engine.Failed as failed:
            for line in failed.lines:
                print(line, file=sys.stderr)
            return False
    return True


def _run_engine(command: list[str], cwd: Path) -> bool:
    """Run a site engine; on failure print its log (without INFO lines) and return False."""
    # Not --quiet: it would also hide the warnings that strict mode counts (a dead link would pass).
    result = subprocess.run(command, cwd=cwd, env=_engine_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, check=False)
    if result.returncode != 0:
        for line in _without_info(result.stdout):
            print(line, file=sys.stderr)
    return result.returncode == 0


def _build_with_zensical(root: Path, loaded: Loaded, staging: Path) -> bool:
    """The hub built by Zensical from `learnhub generate`'s output, with hub.json added."""
    from .zensical import finish, prepare

    with tempfile.TemporaryDirectory(prefix="learnhub-zensical-") as project:
        where = prepare(root, loaded.hub, Path(project))
        command = [sys.executable, "-m", "zensical", "build", "--config-file", str(where / "mkdocs.yml")]
        if not _run_engine(command, where):
            return False
        finish(loaded.hub, where, staging)
    return True


def cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle import add_offline_assets, bundle_name, offline_config, remove, write_zip

    root: Path = args.root
    loaded = _load(root, args.strict)
    if loaded is None:
        print("bundle stopped; nothing was written", file=sys.stderr)
        return 1
    name = bundle_name(loaded.hub)
    dest = (root / args.out / f"{name}.zip").resolve()
    # The engine reads a config beside mkdocs.yml (paths in it are relative to its folder).
    handle, config = tempfile.mkstemp(prefix=".learnhub-bundle-", suffix=".yml", dir=root)
    os.close(handle)
    staging = Path(tempfile.mkdtemp(prefix="learnhub-bundle-"))
    try:
        Path(config).write_text(offline_config(root), encoding="utf-8")
        command = _mkdocs(root, "build", "--site-dir", str(staging / name), config=Path(config).name)
        if not _run_engine(command, root):
            print("bundle failed; nothing was written", file=sys.stderr)
            return 1
        add_offline_assets(staging / name)
        write_zip(staging / name, dest, name)
    finally:
        remove(Path(config))
        remove(staging)
    print(f"{summary(loaded)}; wrote {os.path.relpath(dest)}: unzip it and open {name}/index.html")
    return 0


def _without_info(log: str) -> list[str]:
    """The engine's log without its INFO messages (and their indented continuation lines)."""
    kept, in_info = [], False
    for line in log.splitlines():
        if line.startswith("INFO"):
            in_info = True
        elif not (in_info and line.startswith((" ", "\t"))) and line.strip():
            in_info = False
            kept.append(line)
    return kept


def swap(staging: Path, target: Path) -> None:
    """Put a finished build in place of the old one in one step; on failure, keep the old one.

    Where the system can (Linux), the two folders trade places in a single rename, so a server
    reading `target` never finds it missing; elsewhere, two renames with a moment between them.
    """
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
        return
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


#: renameat2's flag: swap two paths atomically (Linux 3.15; glibc 2.28).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step; False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import errno

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def cmd_serve(args: argparse.Namespace) -> int:
    root: Path = args.root
    loaded = _load(root, False)
    if loaded is None:
        return 1
    # Pages rebuild on every edit; each download is remade in the background only when what it
    # shows has changed, and the Downloads page says "being updated" until it is ready.
    os.environ["LEARNHUB_DOWNLOADS"] = "preview"
    # Each language is a whole build of its own, so by default a preview rebuilds the source
    # language alone, and an edit shows in about half the time (as Docusaurus's dev server serves
    # one locale); translators ask for every language.
    languages = loaded.hub.campaign.hub_languages
    os.environ["LEARNHUB_LANGUAGES"] = "all" if args.all_languages else "source"
    if len(languages) > 1 and not args.all_languages:
        print(f"learnhub serve: previewing {languages[0].name} only; `learnhub serve --all-languages` "
              f"previews {', '.join(lang.name for lang in languages[1:])} too (each edit then takes longer)",
              file=sys.stderr)
    _engine(root).serve(root, args.addr)
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from .export import export

    loaded = _load(args.root, False)
    if loaded is None:
        return 1
    out = args.out.resolve()
    pages = export(args.root, loaded.hub, out)
    print(f"{summary(loaded)}; wrote {len(pages)} pages and mkdocs.yml to {os.path.relpath(out)}/")
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    """Each language's completeness, and what is missing or stale; --stamp fingerprints new texts."""
    from .content.load import format_loc, read
    from .content.translations import FOLDER, dump, source_path, stamped, states

    root: Path = args.root
    loaded = _load(root, False)
    if loaded is None:
        return 1
    codes = [lang.code for lang in loaded.hub.campaign.hub_languages[1:]]
    if args.language and args.language not in codes:
        print(f"learnhub translations: '{args.language}' is not one of the hub's languages: "
              f"{', '.join(codes) or 'none besides the source'}", file=sys.stderr)
        return 2
    if args.stamp:
        for code in codes if not args.language else [args.language]:
            for path in sorted((root / FOLDER / code).rglob("*.y*ml")):
                rel = path.relative_to(root).as_posix()
                record = loaded.sources.get(source_path(rel, code))
                if record is None:
                    continue
                data, count = stamped(read(path, root).data, record)
                if count:
                    lines = path.read_text(encoding="utf-8").splitlines()
                    header = "".join(f"{line}\n" for line in itertools.takewhile(lambda x: x.startswith("#"), lines))
                    path.write_text(header + dump(data), encoding="utf-8")
                    print(f"{rel}: stamped {count} text{'s' if count != 1 else ''}")
        loaded = _load(root, False)
        if loaded is None:
            return 1
    for language in loaded.translations:
        if args.language and language.code != args.language:
            continue
        found = states(language, loaded.sources)
        done = sum(1 for f in found if f.state == "done")
        stale = [f for f in found if f.state == "stale"]
        missing = [f for f in found if f.state == "missing"]
        share = 100 * done / len(found) if found else 100.0
        print(f"{language.code}: {done} of {len(found)} texts translated ({share:.0f}%), "
              f"{len(stale)} stale, {len(missing)} missing")
        for item in [*stale, *missing]:
            (source, loc) = item.key
            doc = loaded.sources[source].origin.doc
            mark = doc.mark(loc)
            where = f"{source}:{mark.line}:{mark.column}: {format_loc(loc)}"
            print(f"  {item.state}: {where}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .content.schema import missing_modelines, stale_schemas, write_modelines, write_schemas

    root: Path = args.root
    if args.check:
        problems = [f"{name}: differs from the model" for name in stale_schemas(root)]
        problems += [f"{name}:1:1: the first line should name the file's schema for editors"
                     for name in missing_modelines(root)]
        for problem in problems:
            print(f"{problem}; run `learnhub schema` and commit the result", file=sys.stderr)
        return 1 if problems else 0
    changed = write_schemas(root) + write_modelines(root)
    for path in changed:
        print(f"wrote {path.relative_to(root).as_posix()}")
    if not changed:
        print("schemas/ and every content file's schema line are up to date")
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from .content.hub import build_date
    from .build import localized_hubs
    from .results import FolderRefused, count_returns, results_path, results_yaml

    root: Path = args.root
    loaded = _load(root, False, with_results=False)
    if loaded is None:
        return 1
    try:
        counted = count_returns(root, loaded.hub, args.folder, args.wave, today=build_date(),
                                translated=localized_hubs(loaded)[1:])
    except FolderRefused as exc:
        print(f"learnhub results: {exc}", file=sys.stderr)
        return 2
    for problem in counted.problems:
        print(problem, file=sys.stderr)
    if counted.errors:
        count = len(counted.errors)
        print(f"{count} error{'s' if count != 1 else ''} in the returned files; nothing written", file=sys.stderr)
        return 1
    relative = results_path(args.wave)
    if not _write_checked(root, root / relative, results_yaml(counted.data)):
        return 1
    print(f"{counted.summary()}; wrote {relative}")
    return 0


def _write_checked(root: Path, target: Path, text: str) -> bool:
    """Write a content file and load the hub with it; on any mistake put back what was there."""
    from .content.hub import load_hub
    from .errors import ContentErrors

    before = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    try:
        load_hub(root)
    except ContentErrors as exc:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)
        _print_errors(exc.errors, "text")
        print("the counted results did not validate; nothing written", file=sys.stderr)
        return False
    return True


def cmd_new(args: argparse.Namespace) -> int:
    from .content.hub import build_date
    from .content.scaffold import ScaffoldError, new_activation, new_prompt, new_resource

    root: Path = args.root
    try:
        if args.entry == "prompt":
            made = new_prompt(root, _group(args, "prompt"))
        elif args.entry == "resource":
            made = new_resource(root, _group(args, "resource"), title=args.title, today=build_date())
        else:
            made = new_activation(root, " ".join(args.words) or args.title, today=build_date())
    except ScaffoldError as exc:
        print(f"learnhub new: {exc}", file=sys.stderr)
        return 2
    where = made.path.relative_to(root).as_posix()
    print(f"{where}:{made.line}: added {args.entry} '{made.id}'; replace every TODO, then run learnhub validate")
    return 0


def _group(args: argparse.Namespace, entry: str) -> str:
    from .content.scaffold import ScaffoldError

    folder = "prompts" if entry == "prompt" else "content/resources"
    if len(args.words) != 1:
        choices = sorted(p.stem for p in (args.root / folder).glob("*.yaml"))
        also = " (or a new name, to start a file)" if entry == "resource" else ""
        raise ScaffoldError(f"name the one file in {folder}/ that gets the new {entry}{also}: "
                            f"{', '.join(choices)}")
    return str(args.words[0]).removesuffix(".yaml")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="learnhub", description="Build the Learning at Work Week hub from YAML.")
    p.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser("validate", help="check the content; prints path:line:col: messages")
    v.add_argument("--strict", action="store_true", help="treat warnings (stale reviews) as errors")
    v.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: print errors as GitHub Actions annotations")
    v.set_defaults(run=cmd_validate)

    b = sub.add_parser("build", help="validate and build the site into site/, atomically")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    b.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                   help="the site engine: MkDocs with Material (default), or Zensical from `learnhub "
                        "generate`'s output (pip install -e '.[zensical]'; see the README for what differs)")
    b.set_defaults(run=cmd_build)

    s = sub.add_parser("serve", help="preview the hub; rebuilds when a YAML file changes")
    s.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")
    s.add_argument("--all-languages", action="store_true",
                   help="preview every language of the hub (by default only the source language)")
    s.set_defaults(run=cmd_serve)

    z = sub.add_parser("bundle", help="write dist/learnhub-YEAR.zip: the whole hub, to open from disk "
                                      "(file://) after unzipping")
    z.add_argument("--strict", action="store_true", help="treat warnings as errors")
    z.add_argument("--out", type=Path, default=Path("dist"), help="the folder for the zip (default: dist)")
    z.set_defaults(run=cmd_bundle)

    g = sub.add_parser("generate", help="write the pages and a plain mkdocs.yml (no hook) into a folder")
    g.add_argument("--out", type=Path, required=True, help="the folder to write (created if missing)")
    g.set_defaults(run=cmd_generate)

    tr = sub.add_parser("translations", help="how complete each language is; what is missing or stale")
    tr.add_argument("--language", help="only this language, e.g. pt-PT")
    tr.add_argument("--stamp", action="store_true",
                    help="give each translated text without a fingerprint that of its current source")
    tr.set_defaults(run=cmd_translations)

    j = sub.add_parser("schema", help="write a JSON Schema per content kind into schemas/, and give each "
                                      "content file the first line that names its schema for editors")
    j.add_argument("--check", action="store_true",
                   help="change nothing; exit 1 if schemas/ or a schema line is out of date")
    j.set_defaults(run=cmd_schema)

    r = sub.add_parser("results", help="count returned tracking sheets and pulse exports into "
                                        "content/results/<wave>-day.yaml (counts only)",
                       description="Reads the .xlsx and .csv files in FOLDER (kept outside the repository): "
                                   "tracking sheets and Microsoft or Google Forms exports of the pulse.")
    r.add_argument("folder", type=Path, metavar="FOLDER", help="the folder of returned files")
    r.add_argument("--wave", type=int, choices=(60, 90), required=True, help="which follow-up: 60 or 90 days")
    r.set_defaults(run=cmd_results)

    n = sub.add_parser("new", help="scaffold a prompt, resource or activation with the next free id",
                       description="prompt GROUP: add to prompts/GROUP.yaml; resource GROUP: add to "
                                   "content/resources/GROUP.yaml; activation [TITLE]: a new file in "
                                   "content/activities/.")
    n.add_argument("entry", choices=("prompt", "resource", "activation"), help="what to add")
    n.add_argument("words", nargs="*", metavar="GROUP|TITLE",
                   help="the file to add to (prompt, resource) or the title (activation)")
    n.add_argument("--title", help="the title, to name the id after (resource, activation)")
    n.set_defaults(run=cmd_new)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    # The libraries a build imports (MkDocs, the theme, WeasyPrint, pydantic, Babel) take about two
    # seconds of CPU to compile from source. Python keeps the compiled files beside them, in the
    # project's own .venv, unless PYTHONDONTWRITEBYTECODE (set in many containers) says not to: then
    # every build pays that again. The venv is ours, so learnhub keeps them there either way.
    sys.dont_write_bytecode = False
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    if not (args.root / "content").is_dir():
        print(f"learnhub: {args.root} has no content/ folder; run learnhub in the project folder "
              "or name it with --root", file=sys.stderr)
        return 2
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
