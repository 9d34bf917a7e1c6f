#!/usr/bin/env python3
"""Writes src/aws/endpoint_data.c: the partitions, and the endpoints of the modelled services
that differ from https://{endpointPrefix}[-fips].{Region}.{dnsSuffix | dualStackDnsSuffix},
as botocore resolves them (its endpoint rulesets, and the client-creation checks of its
older endpoints.json) for every Region it knows, with FIPS and dual-stack on and off, and
with AWS_STS_REGIONAL_ENDPOINTS=legacy and AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional.

The data comes from botocore (Apache License 2.0, Copyright Amazon.com, Inc. or its
affiliates; see src/aws/models/README.md). Run with a Python whose botocore is current (the
image's pyenv python3 has 1.43), after src/build/gen_models.py:
    python3 src/build/gen_endpoints.py [MODELDIR [OUT.c]]
It asks botocore for some 7000 endpoints (a few minutes). The output is committed.
"""
import collections
import glob
import json
import os
import re
import sys

import botocore
import botocore.session
from botocore.config import Config

FIPS, DUALSTACK = 1, 2
# A rule's condition (endpoint_data.h): the setting it depends on.
ALWAYS, STS_GLOBAL, S3_LEGACY = 'ENDPOINT_ALWAYS', 'ENDPOINT_STS_GLOBAL', 'ENDPOINT_S3_LEGACY'


class Sent(Exception):
    """Raised from before-send: the request is built and signed, and goes no further."""


def services(modeldir):
    """CLI name -> (endpoint prefix, the modelled operations)."""
    out = {}
    for path in sorted(glob.glob(os.path.join(modeldir, '*.json'))):
        with open(path) as f:
            model = json.load(f)
        out[model['metadata']['cliName']] = (model['metadata']['endpointPrefix'],
                                             list(model['operations']))
    return out


def first_operation(session, service, ops):
    """A modelled operation of service to probe its endpoint with, and its parameters: one
    that takes none, else one whose required parameters are all strings (given a dummy value,
    which the endpoint does not depend on)."""
    model = session.get_service_model(service)
    for name in ops:
        shape = model.operation_model(name).input_shape
        if shape is None or not shape.required_members:
            return botocore.xform_name(name), {}
    for name in ops:
        shape = model.operation_model(name).input_shape
        if all(shape.members[m].type_name == 'string' for m in shape.required_members):
            return botocore.xform_name(name), {m: 'x' for m in shape.required_members}
    sys.exit(f'{service}: no operation to probe with')


def resolve(session, service, op, region, variant):
    op, params = op
    """(host, signing Region) botocore sends to, or None when it refuses."""
    cfg = Config(use_fips_endpoint=bool(variant & FIPS),
                 use_dualstack_endpoint=bool(variant & DUALSTACK), retries={'max_attempts': 0})
    try:
        client = session.create_client(service, region_name=region, config=cfg)
    except botocore.exceptions.BotoCoreError:
        return None
    got = {}

    def capture(request, **kwargs):
        got['url'] = request.url
        auth = request.headers.get('Authorization', b'').decode()
        got['region'] = auth.split('Credential=')[1].split('/')[2]
        raise Sent()
    client.meta.events.register('before-send', capture)
    try:
        getattr(client, op)(**params)
    except Sent:
        return re.match(r'https://([^/]+)', got['url']).group(1), got['region']
    except botocore.exceptions.BotoCoreError:
        return None
    sys.exit(f'{service} {op} in {region}: went out without before-send')


def generic(prefix, variant):
    return (f'{prefix}{"-fips" if variant & FIPS else ""}.{{region}}.'
            f'{"{ds}" if variant & DUALSTACK else "{dns}"}', None)


def template(values, region_of, outputs):
    """One form for every Region's value: with {region}, {dns} and {ds} put back, else the
    literal when all agree; None when no one form fits."""
    forms = set()
    for v, r in zip(values, region_of):
        o = outputs[r]
        for suffix, name in sorted(((o['dualStackDnsSuffix'], '{ds}'), (o['dnsSuffix'], '{dns}')),
                                   key=lambda x: -len(x[0])):
            v = v.replace(suffix, name)
        forms.add(v.replace(r, '{region}'))
    if len(forms) == 1:
        return forms.pop()
    return values[0] if len(set(values)) == 1 else None


def rules_for(prefix, pid, variant, results, outputs):
    """The rules one partition needs for one variant: results maps Region -> result."""
    regions = sorted(results)
    if any(results[r] is None for r in regions):
        ok = [r for r in regions if results[r] is not None]
        if ok:
            sys.exit(f'{prefix} {pid} {variant}: refused in some Regions only')
        return [(prefix, pid, None, variant, ALWAYS, None, None)]
    host = template([results[r][0] for r in regions], regions, outputs)
    sign = template([results[r][1] for r in regions], regions, outputs)
    if host is not None and sign is not None:
        if (host, None if sign == '{region}' else sign) == generic(prefix, variant):
            return []
        return [(prefix, pid, None, variant, ALWAYS, host, None if sign == '{region}' else sign)]
    # Regions that differ from the rest: one rule each, the rest left generic.
    out = []
    for r in regions:
        h, s = results[r]
        if (h, s) != (generic(prefix, variant)[0].replace('{region}', r)
                      .replace('{ds}', outputs[r]['dualStackDnsSuffix'])
                      .replace('{dns}', outputs[r]['dnsSuffix']), r):
            out.append((prefix, pid, r, variant, ALWAYS, h, s))
    return out


def c_str(s):
    return 'NULL' if s is None else json.dumps(s)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'aws')
    modeldir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, 'models')
    out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, 'endpoint_data.c')
    for var in ('AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_ENDPOINT_URL',
                'AWS_STS_REGIONAL_ENDPOINTS', 'AWS_S3_US_EAST_1_REGIONAL_ENDPOINT'):
        os.environ.pop(var, None)
    os.environ['AWS_CONFIG_FILE'] = os.devnull
    os.environ['AWS_SHARED_CREDENTIALS_FILE'] = os.devnull
    with open(os.path.join(os.path.dirname(botocore.__file__), 'data', 'partitions.json')) as f:
        partitions = json.load(f)['partitions']
    outputs, members = {}, collections.defaultdict(list)
    for p in partitions:
        for r in p['regions']:
            if r.endswith('-global'):
                continue
            outputs[r] = p['outputs']
            members[p['id']].append(r)

    session = botocore.session.get_session()
    session.set_credentials('AKIDEXAMPLE', 'secret')
    rules = []
    for service, (prefix, ops) in services(modeldir).items():
        op = first_operation(session, service, ops)
        for pid, regions in members.items():
            for variant in (0, FIPS, DUALSTACK, FIPS | DUALSTACK):
                results = {r: resolve(session, service, op, r, variant) for r in regions}
                rules += rules_for(prefix, pid, variant, results, outputs)
        print(f'{service}: done', file=sys.stderr)
    # Settings that change a few endpoints: the rules they add, or hold only without them.
    for var, value, service, cond in (
            ('AWS_STS_REGIONAL_ENDPOINTS', 'legacy', 'sts', STS_GLOBAL),
            ('AWS_S3_US_EAST_1_REGIONAL_ENDPOINT', 'regional', 's3', S3_LEGACY)):
        prefix, ops = services(modeldir)[service]
        op = first_operation(session, service, ops)
        cases = [(r, v) for r in members['aws'] for v in (0, FIPS, DUALSTACK, FIPS | DUALSTACK)]
        before = {c: resolve(session, service, op, *c) for c in cases}
        os.environ[var] = value
        changed = botocore.session.get_session()
        changed.set_credentials('AKIDEXAMPLE', 'secret')
        after = {c: resolve(changed, service, op, *c) for c in cases}
        del os.environ[var]
        for (r, variant) in cases:
            if before[(r, variant)] == after[(r, variant)]:
                continue
            if cond == STS_GLOBAL:
                rules.append((prefix, 'aws', r, variant, cond, *after[(r, variant)]))
            else:  # the default is the special one: it holds only while "legacy"
                rules = [x for x in rules if not (x[0] == prefix and x[2] == r and
                                                  x[3] == variant)]
                rules.append((prefix, 'aws', r, variant, cond, *before[(r, variant)]))
    # Services that share an endpoint prefix (elb and elbv2) must agree.
    unique = sorted(set(rules), key=lambda x: (x[0], x[1], x[2] or '', x[3], x[4]))
    keys = [(x[0], x[1], x[2], x[3], x[4]) for x in unique]
    if len(keys) != len(set(keys)):
        sys.exit('services sharing an endpoint prefix resolve differently')
    lines = [
        '/* Generated by src/build/gen_endpoints.py from botocore '
        f'{botocore.__version__}\'s endpoint data: do not edit.',
        ' * Apache-2.0, Copyright Amazon.com, Inc. or its affiliates; see '
        'src/aws/models/README.md. */',
        '#include "aws/endpoint_int.h"',
        '',
        '/* clang-format off */',
        'const struct endpoint_partition endpoint_partitions[] = {',
    ]
    for p in partitions:
        o = p['outputs']
        regex = p['regionRegex'].replace('\\-', '-').replace('\\w', '[[:alnum:]_]') \
                                .replace('\\d', '[0-9]')
        lines.append(f'\t{{ {c_str(p["id"])}, {c_str(regex)}, {c_str(o["dnsSuffix"])}, '
                     f'{c_str(o["dualStackDnsSuffix"])} }},')
    lines += ['\t{ NULL, NULL, NULL, NULL },', '};', '',
              '/* Known Regions, each with its partition (botocore tries them before the '
              'patterns). */',
              'const char *const endpoint_regions[][2] = {']
    for pid, regions in members.items():
        for r in regions:
            lines.append(f'\t{{ {c_str(r)}, {c_str(pid)} }},')
    lines += ['\t{ NULL, NULL },', '};', '', 'const struct endpoint_rule endpoint_rules[] = {']
    for prefix, pid, region, variant, cond, host, sign in unique:
        flags = ' | '.join(n for b, n in ((FIPS, 'ENDPOINT_FIPS'),
                                          (DUALSTACK, 'ENDPOINT_DUALSTACK')) if variant & b) or '0'
        lines.append(f'\t{{ {c_str(prefix)}, {c_str(pid)}, {c_str(region)}, {flags}, {cond}, '
                     f'{c_str(host)}, {c_str(sign)} }},')
    lines += ['\t{ NULL, NULL, NULL, 0, ENDPOINT_ALWAYS, NULL, NULL },', '};',
              '/* clang-format on */', '']
    with open(out_path, 'w') as f:
        f.write('\n'.join(lines))
    print(f'{out_path}: {len(unique)} rules', file=sys.stderr)


if __name__ == '__main__':
    main()
