/* The ec2 protocol: the query protocol's form body with EC2's own naming (queryName, or the
 * locationName with its first letter capitalized) and list numbering, and XML responses
 * whose root element is the result itself, with "item" elements in lists. */
#include "aws/proto_int.h"

#include <ctype.h>
#include <stdio.h>

const char *proto_ec2_name(const struct aws_ref *r, const char *dflt, char *buf, size_t len)
{
	if (r->query_name)
		return r->query_name;
	if (!r->name)
		return dflt;
	snprintf(buf, len, "%s", r->name);
	buf[0] = (char)toupper((unsigned char)buf[0]);
	return buf;
}

int proto_ec2_response(const struct aws_operation *op, const char *body, size_t len, cJSON **result,
                       struct wa_err *err)
{
	struct xml_node *root;

	if (xml_parse(body, len, proto_where(op), &root, err) < 0)
		return -1;
	/* <DescribeVpcsResponse><requestId>…</requestId><vpcSet>…; the request ID is metadata
	 * the CLI drops, and no output member is called requestId. */
	*result =
	        op->output.shape ? proto_xml_struct(&op->output, root, err) : cJSON_CreateObject();
	xml_free(root);
	return *result ? 0 : proto_err_at(err, op);
}
