#!/usr/bin/env python3
"""Seeds moto for the metric and log probes (tests/cli/test_evidence_metrics.sh): for each
probe a resource that fails and one that passes, their CloudWatch datapoints put with
timestamps inside the probe's window (and, for availability, over 30 and 90 days), and
prints what the test needs as JSON.

  seed_metrics.py ENDPOINT

Everything is in us-east-1:
- Load balancers ok-alb (10 5xx in 100,000 requests over the last week: 0.01 %) and bad-alb
  (300 in 10,000: 3 %); over the 90 days ok-alb also served 200,000 requests with 100 5xx
  60 days ago (so 30 d 99.99 %, 90 d 99.963 %); idle-alb has no datapoints: not checked.
- REST APIs ok-api (2 5XXError in 5,000 Count) and bad-api (150 in 1,000).
- Auto Scaling groups ok-asg (2 in service of at most 4) and bad-asg (2 of 2, all day).
- Lambda functions ok-fn (Throttles 0), bad-fn (Throttles 7) and quiet-fn (no datapoints);
  ok-fn and quiet-fn are tagged app=metrics.
- The vCPU quota (1152, from the proxy's ListServiceQuotas fixture) at 1000 in use: 87 %;
  the G and VT quota (64) at 8: 12.5 %.
- Log groups /aws/lambda/bad-fn ("Task timed out after 3.00 seconds" two days ago) and
  /aws/lambda/ok-fn (ordinary lines only).
- DB instances busy-db (MySQL, db.t3.micro: 1024 MiB / 12.00003 = 85.3 connections at
  most by the default formula) peaking at 80 connections (93.75 %), calm-db (PostgreSQL,
  db.m5.large: 8192 MiB / 9.09 = 901.2, tagged app=metrics) at 100 (11.10 %), and tuned-db
  (MySQL on a custom parameter group, whose max_connections is unknown) at 500.
"""
import datetime
import json
import os
import sys

import boto3
from botocore.config import Config

REGION = "us-east-1"
# The sweep's clock: tests/cli/lib.sh pins it with SOURCE_DATE_EPOCH, which wa-review honours.
NOW = datetime.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or
                                      datetime.datetime.now().timestamp(),
                                      datetime.timezone.utc).replace(minute=0, second=0,
                                                                     microsecond=0)


def client(svc, ep):
    return boto3.client(svc, endpoint_url=ep, region_name=REGION,
                        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
                        config=Config(retries={"max_attempts": 1}))


def put(cw, ns, dims, name, total, hours, ago_hours=1):
    """Spreads total over `hours` hourly datapoints, the newest ago_hours before now."""
    data = []
    for h in range(hours):
        data.append({"MetricName": name, "Dimensions": dims, "Value": total / hours,
                     "Timestamp": NOW - datetime.timedelta(hours=ago_hours + h)})
    for i in range(0, len(data), 500):
        cw.put_metric_data(Namespace=ns, MetricData=data[i:i + 500])


def elb(ep, cw, out):
    e = client("ec2", ep)
    vpc = e.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subs = [e.create_subnet(VpcId=vpc, CidrBlock=c, AvailabilityZone=az)["Subnet"]["SubnetId"]
            for az, c in (("us-east-1a", "10.30.1.0/24"), ("us-east-1b", "10.30.2.0/24"))]
    v2 = client("elbv2", ep)
    for name in ("ok-alb", "bad-alb", "idle-alb"):
        arn = v2.create_load_balancer(Name=name, Subnets=subs)["LoadBalancers"][0]["LoadBalancerArn"]
        out[name] = arn
        out[name + "-dim"] = arn.split(":loadbalancer/", 1)[1]
    ns = "AWS/ApplicationELB"
    ok = [{"Name": "LoadBalancer", "Value": out["ok-alb-dim"]}]
    bad = [{"Name": "LoadBalancer", "Value": out["bad-alb-dim"]}]
    put(cw, ns, ok, "RequestCount", 100000, 40)
    put(cw, ns, ok, "HTTPCode_ELB_5XX_Count", 10, 2)
    put(cw, ns, ok, "RequestCount", 200000, 25, ago_hours=60 * 24)
    put(cw, ns, ok, "HTTPCode_ELB_5XX_Count", 100, 4, ago_hours=60 * 24)
    put(cw, ns, bad, "RequestCount", 10000, 25)
    put(cw, ns, bad, "HTTPCode_ELB_5XX_Count", 300, 12)


def apigw(ep, cw):
    a = client("apigateway", ep)
    for name, errors, count in (("ok-api", 2, 5000), ("bad-api", 150, 1000)):
        a.create_rest_api(name=name)
        dims = [{"Name": "ApiName", "Value": name}]
        put(cw, "AWS/ApiGateway", dims, "Count", count, 25)
        put(cw, "AWS/ApiGateway", dims, "5XXError", errors, 2)


def asg(ep, cw):
    e = client("ec2", ep)
    image = e.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    e.create_launch_template(LaunchTemplateName="metrics-lt",
                             LaunchTemplateData={"ImageId": image, "InstanceType": "t3.micro"})
    a = client("autoscaling", ep)
    for name, size, top in (("ok-asg", 2, 4), ("bad-asg", 2, 2)):
        a.create_auto_scaling_group(AutoScalingGroupName=name, MinSize=1, MaxSize=top,
                                    DesiredCapacity=size, AvailabilityZones=["us-east-1a"],
                                    LaunchTemplate={"LaunchTemplateName": "metrics-lt"})
        put(cw, "AWS/AutoScaling", [{"Name": "AutoScalingGroupName", "Value": name}],
            "GroupInServiceInstances", size * 20, 20)


def lam(ep, cw):
    iam = client("iam", ep)
    doc = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"Service": "lambda.amazonaws.com"}}]})
    role = iam.create_role(RoleName="fn-role", AssumeRolePolicyDocument=doc)["Role"]["Arn"]
    fn = client("lambda", ep)
    code = {"ZipFile": b"PK\x05\x06" + b"\x00" * 18}
    for name, tags in (("ok-fn", {"app": "metrics"}), ("bad-fn", {}),
                       ("quiet-fn", {"app": "metrics"})):
        fn.create_function(FunctionName=name, Runtime="python3.11", Role=role,
                           Handler="index.handler", Code=code, Tags=tags)
    put(cw, "AWS/Lambda", [{"Name": "FunctionName", "Value": "ok-fn"}], "Throttles", 0, 24)
    put(cw, "AWS/Lambda", [{"Name": "FunctionName", "Value": "bad-fn"}], "Throttles", 7, 1)


def quotas(cw):
    for cls, used in (("Standard/OnDemand", 1000), ("G/OnDemand", 8)):
        dims = [{"Name": "Class", "Value": cls}, {"Name": "Resource", "Value": "vCPU"},
                {"Name": "Service", "Value": "EC2"}, {"Name": "Type", "Value": "Resource"}]
        put(cw, "AWS/Usage", dims, "ResourceCount", used * 3, 3)


def logs(ep):
    lg = client("logs", ep)
    ms = int((NOW - datetime.timedelta(days=2)).timestamp() * 1000)
    for name, lines in (("bad-fn", ["START RequestId: 1", "Task timed out after 3.00 seconds"]),
                        ("ok-fn", ["START RequestId: 2", "END RequestId: 2"])):
        group = "/aws/lambda/" + name
        lg.create_log_group(logGroupName=group)
        lg.create_log_stream(logGroupName=group, logStreamName="s")
        lg.put_log_events(logGroupName=group, logStreamName="s",
                          logEvents=[{"timestamp": ms + i, "message": m}
                                     for i, m in enumerate(lines)])


def rds(ep, cw):
    r = client("rds", ep)
    r.create_db_parameter_group(DBParameterGroupName="custom-pg",
                                DBParameterGroupFamily="mysql8.0", Description="tuned")
    for name, engine, cls, group, peak, tags in (
            ("busy-db", "mysql", "db.t3.micro", None, 80, []),
            ("calm-db", "postgres", "db.m5.large", None, 100, [{"Key": "app", "Value": "metrics"}]),
            ("tuned-db", "mysql", "db.m5.large", "custom-pg", 500, [])):
        kw = dict(DBInstanceIdentifier=name, Engine=engine, DBInstanceClass=cls,
                  AllocatedStorage=20, MasterUsername="admin", MasterUserPassword="password1",
                  Tags=tags)
        if group:
            kw["DBParameterGroupName"] = group
        r.create_db_instance(**kw)
        dims = [{"Name": "DBInstanceIdentifier", "Value": name}]
        cw.put_metric_data(Namespace="AWS/RDS", MetricData=[
            {"MetricName": "DatabaseConnections", "Dimensions": dims, "Value": v,
             "Timestamp": NOW - datetime.timedelta(hours=h)}
            for h, v in ((30, peak / 2), (6, peak), (2, peak / 4))])


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ep = argv[1]
    cw = client("cloudwatch", ep)
    out = {}
    elb(ep, cw, out)
    apigw(ep, cw)
    asg(ep, cw)
    lam(ep, cw)
    quotas(cw)
    logs(ep)
    rds(ep, cw)
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
