// Customer organizations in moto for the alternate contacts: moto keeps one organization per account id, and calls
// made with the credentials of AssumeRole into arn:aws:iam::{id}:role/… act as that account. moto reads the account
// from the access key in the Authorization header's credential scope (it does not check signatures), and the service
// from its service name: Organizations is JSON 1.1 with X-Amz-Target, the Account API REST, both in us-east-1.
export const organizationRole = (managementAccountId) => `arn:aws:iam::${managementAccountId}:role/changemgmt-organization`;

async function assumeRole(motoUrl, roleArn) {
  const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: 'browser-test-seed' });
  const answer = await fetch(motoUrl, { method: 'POST', body, headers: { authorization: scope('test', 'sts') } });
  const xml = await answer.text();
  const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(xml);
  if (!answer.ok || !key) throw new Error(`AssumeRole ${roleArn}: ${answer.status} ${xml}`);
  return key[1];
}

const scope = (accessKey, service) =>
  `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

async function call(motoUrl, path, accessKey, service, headers, body) {
  const answer = await fetch(new URL(path, motoUrl), { method: 'POST', body: JSON.stringify(body), headers: { ...headers, authorization: scope(accessKey, service) } });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${service} ${headers['x-amz-target'] || path}: ${answer.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * An organization whose management account is `managementAccountId`, with `members` member accounts and, when
 * `trustedAccess`, trusted access for account.amazonaws.com. Resolves {memberIds, putContact(accountId | null, type, name, email)}.
 */
export async function seedOrganization(motoUrl, managementAccountId, { members = 1, trustedAccess = true } = {}) {
  const key = await assumeRole(motoUrl, organizationRole(managementAccountId));
  const organizations = (operation, body) => call(motoUrl, '/', key, 'organizations',
    { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSOrganizationsV20161128.${operation}` }, body);
  await organizations('CreateOrganization', { FeatureSet: 'ALL' });
  const memberIds = [];
  for (let i = 1; i <= members; i++) {
    const created = await organizations('CreateAccount', { AccountName: `workload-${managementAccountId}-${i}`, Email: `aws+${managementAccountId}-${i}@example.com` });
    memberIds.push(created.CreateAccountStatus.AccountId);
  }
  if (trustedAccess) await organizations('EnableAWSServiceAccess', { ServicePrincipal: 'account.amazonaws.com' });
  return {
    memberIds,
    /** A contact put by hand (null account: the management account itself, addressed without AccountId). */
    putContact: (accountId, type, contact) => call(motoUrl, '/putAlternateContact', key, 'account', { 'content-type': 'application/json' }, {
      ...(accountId ? { AccountId: accountId } : {}), AlternateContactType: type,
      Name: contact.name, Title: contact.title, EmailAddress: contact.email, PhoneNumber: contact.phone,
    }),
  };
}
