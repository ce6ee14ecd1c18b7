"""`uv run --group bench python -m bench [--smoke]`: generate, seed, load, report.

See bench/README.md for what each scenario measures and how to read the output.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests.matrix import choices

from .model import Extras, Plan, Result
from .project import Project, time_copier
from .report import add_ratios, write
from .scenarios import run_app, run_floor
from .seed import claims, login, same_page, seed
from .server import app_command, floor_command, serve
from .targets import Verdict, judge, judge_copier

HERE = Path(__file__).resolve().parent


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a few seconds per scenario")
    parser.add_argument("--database", action="append", choices=["postgresql", "sqlite"])
    parser.add_argument("--framework", action="append", choices=choices("framework"))
    parser.add_argument("--database-url", default=os.environ.get("TEST_POSTGRES_URL"))
    parser.add_argument("--duration", type=float, help="seconds per run (full: 10)")
    parser.add_argument("--soak", type=float, help="seconds of the 256-connection run (60)")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--ref", default="", help="render this git ref (default: working tree)")
    parser.add_argument(
        "--server",
        choices=["serve", "granian"],
        default="serve",
        help="serve the app with its own `serve` command, or under granian",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    return parser.parse_args()


def startup(project: Project, env: dict[str, str]) -> float:
    out = project.run(str(HERE / "startup_probe.py"), project.package, env=env)
    return float(json.loads(out.strip().splitlines()[-1])["total"])


def bench_database(
    framework: str, database: str, plan: Plan, work: Path, args: argparse.Namespace, extras: Extras
) -> list[Result]:
    """One generated project (framework and database), then the floor, measured in turn."""
    project = Project.create(
        work / f"project-{framework}-{database}",
        framework,
        database,
        work / "copier.yml",
        args.ref,
        extra=("granian",) if args.server == "granian" else (),
    )
    target, files = project.target, f"{framework}-{database}"  # results name it framework/database
    print(f"== {target}: generated and installed", flush=True)
    server_url = args.database_url
    url = project.new_database(server_url, work)
    try:
        env = project.production_env(url)
        project.run("-m", project.package, "migrate", env=env)
        extras.startup_seconds[target] = [startup(project, env) for _ in range(plan.startup_runs)]
        with serve(
            app_command(project, args.server), project.root, env, work / f"app-{files}.log"
        ) as app:
            extras.serve_ready_seconds[target] = app.ready_seconds
            reader, writer = seed(app.base_url)
            print(f"== {target}: seeded; loading the app", flush=True)
            results, extras.rss_runs_mb[target] = run_app(app, reader, writer, target, plan)
            token = claims(login(app.base_url, reader))
            floor_env = {
                "BENCH_DATABASE_URL": url,
                "BENCH_SECRET_KEY": env["SECRET_KEY"],
                "BENCH_JWT_ISSUER": str(token["iss"]),
                "BENCH_JWT_AUDIENCE": str(token["aud"]),
            }
            print(f"== {target}: loading the floor", flush=True)
            floor_log = work / f"floor-{files}.log"
            with serve(floor_command(project), project.root, floor_env, floor_log) as floor:
                same_page(app.base_url, floor.base_url, reader)
                results += run_floor(floor, app, reader, target, plan)
    finally:
        project.drop_database(url, server_url)
    return results


def main() -> int:
    args = arguments()
    plan = Plan.build(smoke=args.smoke, duration=args.duration, soak=args.soak)
    databases = args.database or (["postgresql", "sqlite"] if args.database_url else ["sqlite"])
    databases = databases[:1] if plan.smoke and not args.database else databases
    frameworks = args.framework or choices("framework")[: 1 if plan.smoke else None]
    targets = [f"{f}/{d}" for f in frameworks for d in databases]
    if len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {1})  # the harness itself stays off the server's core
    else:
        print("warning: one core only; server and load share it", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    (work / "copier.yml").write_text("{}\n")
    extras, results = Extras(ref=args.ref), []
    try:
        print("== timing copier copy", flush=True)
        extras.copier_seconds, lock = time_copier(
            work / "copier", plan.copier_runs, work / "copier.yml", lock=not plan.smoke
        )
        extras.uv_lock_seconds = lock
        for framework in frameworks:
            for database in databases:
                results += bench_database(framework, database, plan, work, args, extras)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    add_ratios(results)
    verdicts: list[tuple[str, Verdict]] = [
        (target, v) for target in targets for v in judge(results, extras, target)
    ]
    verdicts.append(("-", judge_copier(extras)))
    paths = write(args.out, plan, results, verdicts, extras)
    print("written:", ", ".join(str(p) for p in paths.values()))
    failed = [r.label for r in results if r.errors]
    if plan.smoke and failed:
        print(f"error: the harness saw failed requests in {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
