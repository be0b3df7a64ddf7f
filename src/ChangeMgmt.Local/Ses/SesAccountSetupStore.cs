using ChangeMgmt.Core.Ports;

namespace ChangeMgmt.Local;

/// <summary>
/// One account's sending setup: production access (a new account is in the sandbox), the
/// account-level suppression reasons, identities and configuration sets. Local mode has no DNS, so
/// an identity created through the API is verified with DKIM and MAIL FROM successful at once;
/// <see cref="LocalSesAccount.AddUnverifiedIdentityAsync"/> leaves one as SES has it before (or without) its DNS records.
/// </summary>
internal sealed class SesAccountSetupStore(LocalDatabase database, string customerCode)
{
    public SesAccountDetails Account(SendQuota quota)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            "SELECT production_access, suppressed_reasons FROM ses_account_state WHERE customer_code = $customer", null, ("$customer", customerCode));
        using var reader = command.ExecuteReader();
        var production = reader.Read() && reader.GetInt64(0) == 1;
        var reasons = reader.HasRows ? reader.GetString(1) : "";
        return new SesAccountDetails(production, SendingEnabled: true, SesValues.Healthy, quota,
            [.. reasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SuppressionReason>)]);
    }

    public Task PutSuppressedReasonsAsync(IReadOnlyList<SuppressionReason> reasons, CancellationToken ct) =>
        UpsertStateAsync("suppressed_reasons", string.Join(',', reasons.Distinct()), ct);

    /// <summary>Granted at once: local mode has nobody to review the request.</summary>
    public Task GrantProductionAccessAsync(CancellationToken ct) => UpsertStateAsync("production_access", 1L, ct);

    public SesEmailIdentity Identity(string identity)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            """
            SELECT identity, verified, dkim_status, mail_from_domain, mail_from_behavior, configuration_set
            FROM ses_identities WHERE customer_code = $customer AND identity = $identity
            """, null, ("$customer", customerCode), ("$identity", Key(identity)));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw SesErrors.NotFound(customerCode, $"email identity '{identity}'");
        var verified = reader.GetInt64(1) == 1;
        var dkim = reader.GetString(2);
        var mailFrom = reader.NullableString(3) is { } domain
            ? new SesMailFromAttributes(domain, verified ? SesValues.Success : SesValues.Pending, reader.NullableString(4))
            : null;
        return new SesEmailIdentity(reader.GetString(0), identity.Contains('@') ? "EMAIL_ADDRESS" : "DOMAIN", verified,
            verified ? SesValues.Success : dkim,
            new SesDkimAttributes(true, dkim, [.. Enumerable.Range(1, 3).Select(i => $"local{i}{Key(identity).Replace('.', '-')}")], SesValues.Rsa2048,
                SesValues.Rsa2048, SesValues.EasyDkim),
            mailFrom, reader.NullableString(5));
    }

    /// <summary>The default configuration set of the identity that sends from <paramref name="from"/>: its address's, else its domain's.</summary>
    public string? DefaultConfigurationSet(string from)
    {
        var address = Key(MimeKit.MailboxAddress.Parse(from).Address);
        using var connection = database.OpenConnection();
        // One read on every send that names no set: the address's identity if it has one, else its domain's.
        return connection.Scalar(
            """
            SELECT configuration_set FROM ses_identities
            WHERE customer_code = $customer AND identity IN ($address, $domain)
            ORDER BY identity = $address DESC LIMIT 1
            """, null, ("$customer", customerCode), ("$address", address), ("$domain", address[(address.IndexOf('@') + 1)..])) as string;
    }

    public Task CreateIdentityAsync(string identity, string? configurationSet, string dkimStatus, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) =>
        {
            if (connection.Scalar("SELECT 1 FROM ses_identities WHERE customer_code = $customer AND identity = $identity",
                    transaction, ("$customer", customerCode), ("$identity", Key(identity))) is not null)
                throw SesErrors.AlreadyExists(customerCode, $"email identity '{identity}'");
            connection.Execute(
                """
                INSERT INTO ses_identities (customer_code, identity, verified, dkim_status, configuration_set)
                VALUES ($customer, $identity, $verified, $dkim, $set)
                """,
                transaction, ("$customer", customerCode), ("$identity", Key(identity)), ("$verified", dkimStatus == SesValues.Success ? 1L : 0L),
                ("$dkim", dkimStatus), ("$set", configurationSet));
        }, ct);

    /// <summary>Restarting Easy DKIM verifies the identity at once: local mode has no DNS to wait for.</summary>
    public Task VerifyIdentityAsync(string identity, CancellationToken ct) =>
        UpdateIdentityAsync(identity, "verified = 1, dkim_status = 'SUCCESS'", ct);

    public Task PutMailFromAsync(string identity, string domain, string behavior, CancellationToken ct) =>
        UpdateIdentityAsync(identity, "mail_from_domain = $domain, mail_from_behavior = $behavior", ct, ("$domain", domain), ("$behavior", behavior));

    public Task PutDefaultConfigurationSetAsync(string identity, string configurationSet, CancellationToken ct) =>
        UpdateIdentityAsync(identity, "configuration_set = $set", ct, ("$set", configurationSet));

    public SesConfigurationSet ConfigurationSet(string name)
    {
        using var connection = database.OpenConnection();
        return connection.Scalar("SELECT 1 FROM ses_configuration_sets WHERE customer_code = $customer AND name = $name",
            null, ("$customer", customerCode), ("$name", name)) is null
            ? throw SesErrors.NotFound(customerCode, $"configuration set '{name}'")
            : new SesConfigurationSet(name, SendingEnabled: true, ReputationMetricsEnabled: true);
    }

    public Task CreateConfigurationSetAsync(string name, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) =>
        {
            if (connection.Execute("INSERT INTO ses_configuration_sets (customer_code, name) VALUES ($customer, $name) ON CONFLICT DO NOTHING",
                    transaction, ("$customer", customerCode), ("$name", name)) == 0)
                throw SesErrors.AlreadyExists(customerCode, $"configuration set '{name}'");
        }, ct);

    private Task UpdateIdentityAsync(string identity, string assignments, CancellationToken ct, params (string Name, object? Value)[] values) =>
        database.WriteAsync((connection, transaction) =>
        {
            if (connection.Execute($"UPDATE ses_identities SET {assignments} WHERE customer_code = $customer AND identity = $identity",
                    transaction, [("$customer", customerCode), ("$identity", Key(identity)), .. values]) == 0)
                throw SesErrors.NotFound(customerCode, $"email identity '{identity}'");
        }, ct);

    private Task UpsertStateAsync(string column, object value, CancellationToken ct) =>
        database.WriteAsync((connection, transaction) =>
        {
            connection.Execute(
                "INSERT INTO ses_account_state (customer_code, production_access, suppressed_reasons) VALUES ($customer, 0, '') ON CONFLICT DO NOTHING",
                transaction, ("$customer", customerCode));
            connection.Execute($"UPDATE ses_account_state SET {column} = $value WHERE customer_code = $customer",
                transaction, ("$customer", customerCode), ("$value", value));
        }, ct);

    private static string Key(string identity) => identity.Trim().ToLowerInvariant();
}
