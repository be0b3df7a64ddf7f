namespace ChangeMgmt.Core.Dns;

/// <summary>Why a record is published: Easy DKIM, the MAIL FROM domain's MX and SPF, the sender domain's DMARC policy.</summary>
// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.
public enum DnsRecordPurpose : long { Dkim, MailFromMx, MailFromSpf, Dmarc }

/// <summary>
/// One DNS record a customer's SES account needs, as Route 53 writes it: the name without the
/// trailing dot, the value of a TXT record in quotes.
/// </summary>
public sealed record DnsRecord(string CustomerCode, string Name, string Type, string Value, DnsRecordPurpose Purpose, int Ttl);

/// <summary>Upserted: written to the hosted zone; AlreadySo: the zone already held it.</summary>
// long, not int: PowerShell's ConvertTo-Json writes long-based enums by name, so exported output reads as words.
public enum DnsApplyAction : long { Upserted, AlreadySo }

/// <summary>What Get-SesDnsRecord -Apply did with one record.</summary>
public sealed record AppliedDnsRecord(string CustomerCode, string Name, string Type, string Value, DnsRecordPurpose Purpose, DnsApplyAction Action, string ZoneId)
{
    public static AppliedDnsRecord Of(DnsRecord record, DnsApplyAction action, string zoneId) =>
        new(record.CustomerCode, record.Name, record.Type, record.Value, record.Purpose, action, zoneId);
}
