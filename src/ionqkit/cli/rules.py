"""`ionqkit rules`: list every lint rule, or explain one (`ionqkit rules IQ207`)."""

from __future__ import annotations

import sys

from ionqkit.cli.options import RulesOptions


def execute(options: RulesOptions) -> int:
    import orjson

    from ionqkit.errors import InputError
    from ionqkit.validators import docs
    from ionqkit.validators.registry import RULES

    rules = list(RULES.values())
    if options.code:
        wanted = options.code.strip()
        rules = [r for r in rules if wanted.upper() == r.code or wanted.lower() == r.name]
        if not rules:
            raise InputError(f"no rule {wanted!r}; `ionqkit rules` lists them")
    if options.format == "json":
        payload = [docs.as_dict(rule) for rule in rules]
        sys.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n")
    elif options.format == "markdown":
        sys.stdout.write(docs.markdown(rules))
    elif options.code:
        sys.stdout.write(docs.explain(rules[0]))
    else:
        for rule in rules:
            mark = docs.fix_mark(rule)
            print(f"{rule.code}  {rule.severity.value:<7}  {mark:<10}  {rule.name:<28}  {rule.summary}")
    return 0
