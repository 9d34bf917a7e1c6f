#!/usr/bin/env python3
"""Seeds moto with an organisation of three member accounts for the multi-account sweep
(tests/cli/test_evidence_accounts.sh), with boto3 and the test user's key from the
environment; prints {"ou": ..., "a": ..., "b": ..., "c": ...} (account IDs) as JSON.

  seed_accounts.py ENDPOINT

Organizations: an OU "workload" under the root holding accounts a, b and c.
Each of a and b gets the role WaReview (trusting the caller's account) and, made with
that role's credentials so they land in that account:
  a: us-east-1 SQS a-orders with dead-letter queue a-orders-dlq; eu-west-1 a-emails
     without one.
  b: us-east-1 SQS b-orders with dead-letter queue b-orders-dlq; eu-west-1 nothing.
c has no queues (the test makes its AssumeRole fail).
"""
import json
import os
import sys

import boto3
from botocore.config import Config

CFG = Config(retries={"max_attempts": 1})


def client(svc, endpoint, region, creds=None):
    creds = creds or {"AccessKeyId": os.environ["AWS_ACCESS_KEY_ID"],
                      "SecretAccessKey": os.environ["AWS_SECRET_ACCESS_KEY"]}
    return boto3.client(svc, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id=creds["AccessKeyId"],
                        aws_secret_access_key=creds["SecretAccessKey"],
                        aws_session_token=creds.get("SessionToken"), config=CFG)


def queues(endpoint, creds, region, specs):
    q = client("sqs", endpoint, region, creds)
    for name, dlq in specs:
        attrs = {}
        if dlq:
            d = q.create_queue(QueueName=dlq)["QueueUrl"]
            arn = q.get_queue_attributes(QueueUrl=d, AttributeNames=["QueueArn"])
            attrs["RedrivePolicy"] = json.dumps({
                "deadLetterTargetArn": arn["Attributes"]["QueueArn"], "maxReceiveCount": 5})
        q.create_queue(QueueName=name, Attributes=attrs)


def main():
    ep = sys.argv[1]
    me = client("sts", ep, "us-east-1").get_caller_identity()["Account"]
    org = client("organizations", ep, "us-east-1")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ou = org.create_organizational_unit(ParentId=root, Name="workload")["OrganizationalUnit"]["Id"]
    ids = {}
    for k in "abc":
        st = org.create_account(Email=f"{k}@example.com", AccountName=f"wa-{k}")
        acct = st["CreateAccountStatus"]["AccountId"]
        org.move_account(AccountId=acct, SourceParentId=root, DestinationParentId=ou)
        ids[k] = acct
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{me}:root"},
        "Action": "sts:AssumeRole"}]})
    for k, specs in (("a", {"us-east-1": [("a-orders", "a-orders-dlq")],
                            "eu-west-1": [("a-emails", None)]}),
                     ("b", {"us-east-1": [("b-orders", "b-orders-dlq")]})):
        creds = client("sts", ep, "us-east-1").assume_role(
            RoleArn=f"arn:aws:iam::{ids[k]}:role/WaReview",
            RoleSessionName="seed")["Credentials"]
        client("iam", ep, "us-east-1", creds).create_role(
            RoleName="WaReview", AssumeRolePolicyDocument=trust)
        for region, spec in specs.items():
            queues(ep, creds, region, spec)
    print(json.dumps({"ou": ou, **ids}))


if __name__ == "__main__":
    main()
