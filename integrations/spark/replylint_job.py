"""Audit a JSON Lines ticket export with replylint as Spark's map step.

Each partition of the export is piped through one `replylint check
--input-format jsonl ... --output-format json-lines -` process
(`RDD.pipe`): replylint reads records on stdin and writes one JSON line
per finding, with the record's groups. Spark then reduces the findings to
counts per rule and per group value, counts the replies per group value
from the records themselves, and writes the totals as JSON, in the shape
of the `groups` of `replylint check --report audit.json`.

    spark-submit integrations/spark/replylint_job.py export.jsonl \
        --text-field body --group-field team --group-field agent \
        --replylint /usr/local/bin/replylint --out totals.json

The binary must exist at the same path on every executor (ship it with
`--files replylint` and pass `--replylint ./replylint`, or install it on
the image). The same stdin/stdout contract serves Hadoop Streaming: the
mapper is the same `replylint check ... -` command (see README.md).
"""

import argparse
import json
import shlex

from pyspark.sql import SparkSession


def field(record, path):
    """The value at a dotted path of a JSON record, or None."""
    value = record
    for key in path.split("."):
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return None
    return value


def as_text(value):
    """A group value as replylint writes it: strings, numbers, booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def reply_groups(line, text_field, group_fields):
    """The (field, value) pairs of a record replylint checks, or None for a
    line it reports as bad (not JSON, or no text at the field)."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(field(record, text_field), str):
        return None
    pairs = []
    for name in group_fields:
        value = as_text(field(record, name))
        if value is not None:
            pairs.append((name, value))
    return pairs


def command(args):
    config = ["--config", args.config] if args.config else ["--isolated"]
    cmd = [args.replylint, "check", *config, "--input-format", "jsonl",
           "--text-field", args.text_field, "--output-format", "json-lines", "--exit-zero"]
    if args.group_field:
        cmd += ["--group-field", ",".join(args.group_field)]
    return " ".join(shlex.quote(c) for c in cmd + ["-"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", help="a JSON Lines export (gzip too)")
    parser.add_argument("--replylint", default="replylint", help="the binary on every executor")
    parser.add_argument("--text-field", required=True)
    parser.add_argument("--group-field", action="append", default=[])
    parser.add_argument("--config", help="the team's replylint.yaml, at the same path on every executor")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--master", help="e.g. local[2] when run without spark-submit")
    parser.add_argument("--out", required=True, help="where the totals go (JSON)")
    args = parser.parse_args()

    builder = SparkSession.builder.appName("replylint-audit")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    lines = sc.textFile(args.export, minPartitions=args.partitions)

    # The map step: replylint itself, one process per partition.
    findings = lines.pipe(command(args)).map(json.loads)
    by_rule = findings.map(lambda f: (f["rule"], 1)).reduceByKey(lambda a, b: a + b).collectAsMap()
    by_group = (
        findings.flatMap(lambda f: [((g, v, f["rule"]), 1) for g, v in f["record"]["groups"].items()])
        .reduceByKey(lambda a, b: a + b)
        .collect()
    )
    # Replies per group value, from the records replylint reads as replies.
    groups = lines.map(lambda l: reply_groups(l, args.text_field, args.group_field)).filter(
        lambda g: g is not None
    )
    replies = groups.count()
    replies_by_group = (
        groups.flatMap(lambda pairs: [((g, v), 1) for g, v in pairs])
        .reduceByKey(lambda a, b: a + b)
        .collect()
    )

    totals = {"replies": replies, "findings": dict(sorted(by_rule.items())), "groups": {}}
    for (name, value), n in replies_by_group:
        totals["groups"].setdefault(name, {}).setdefault(value, {"replies": 0, "findings": {}})["replies"] = n
    for (name, value, rule), n in by_group:
        slot = totals["groups"].setdefault(name, {}).setdefault(value, {"replies": 0, "findings": {}})
        slot["findings"][rule] = n
    with open(args.out, "w") as out:
        json.dump(totals, out, indent=2, sort_keys=True)
    spark.stop()


if __name__ == "__main__":
    main()
