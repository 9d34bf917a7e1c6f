#!/usr/bin/env python3
"""Seeds moto with the organisation of seed_accounts.py (an OU of accounts a, b and c, the
role WaReview in a and b, their queues) and, made with each role's credentials so they land
in that account, an Application Load Balancer with a week of request and 5xx counts:

  a: us-east-1  web  100,000 requests, 10 5xx      (99.99 % over 30 days)
  b: eu-west-1  web   10,000 requests, 300 5xx     (97 %)

Both are named "web": only the account tells them apart. Prints the account IDs and the
balancers' ARNs as JSON, for tests/cli/test_evidence_accounts_avail.sh.

  seed_accounts_metrics.py ENDPOINT
"""
import contextlib
import datetime
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed_accounts  # noqa: E402  (its organisation, roles and client helper)

NOW = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)


def put(cw, dims, name, total, hours):
    """Spreads total over `hours` hourly datapoints ending an hour ago."""
    data = [{"MetricName": name, "Dimensions": dims, "Value": total / hours,
             "Timestamp": NOW - datetime.timedelta(hours=1 + h)} for h in range(hours)]
    cw.put_metric_data(Namespace="AWS/ApplicationELB", MetricData=data)


def balancer(ep, creds, region, cidr, requests, errors):
    e = seed_accounts.client("ec2", ep, region, creds)
    vpc = e.create_vpc(CidrBlock=cidr + ".0.0/16")["Vpc"]["VpcId"]
    subs = [e.create_subnet(VpcId=vpc, CidrBlock=f"{cidr}.{i + 1}.0/24",
                            AvailabilityZone=f"{region}{az}")["Subnet"]["SubnetId"]
            for i, az in enumerate("ab")]
    v2 = seed_accounts.client("elbv2", ep, region, creds)
    arn = v2.create_load_balancer(Name="web", Subnets=subs)["LoadBalancers"][0]["LoadBalancerArn"]
    dims = [{"Name": "LoadBalancer", "Value": arn.split(":loadbalancer/", 1)[1]}]
    cw = seed_accounts.client("cloudwatch", ep, region, creds)
    put(cw, dims, "RequestCount", requests, 24)
    put(cw, dims, "HTTPCode_ELB_5XX_Count", errors, 5)
    return arn


def main():
    ep = sys.argv[1]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        seed_accounts.main()
    ids = json.loads(out.getvalue())
    sts = seed_accounts.client("sts", ep, "us-east-1")
    for k, region, cidr, requests, errors in (("a", "us-east-1", "10.40", 100000, 10),
                                              ("b", "eu-west-1", "10.41", 10000, 300)):
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{ids[k]}:role/WaReview",
                                RoleSessionName="seed")["Credentials"]
        ids[k + "-web"] = balancer(ep, creds, region, cidr, requests, errors)
    print(json.dumps(ids))


if __name__ == "__main__":
    main()
