using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChangeMgmt.Core.Ports;
using ChangeMgmt.Local;

namespace ChangeMgmt.Api.Tests;

/// <summary>GET /api/outbox/{messageId}: a sent message as the server reads it with MimeKit; /eml: the file itself.</summary>
public sealed class OutboxTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHost host = fixture.Host;

    /// <summary>As another mailer writes it: encoded words in the headers, quoted-printable bodies in two charsets, an invite.</summary>
    private const string Encoded =
        "From: =?utf-8?Q?Z=C3=BCrich_Ops?= <ops@msp.example>\r\n" +
        "To: jane@acme.example\r\n" +
        "Subject: =?utf-8?B?V2FydHVuZyBpbiBaw7xyaWNoIOKAlCDmnbHkuqw=?=\r\n" +
        "Date: Mon, 30 Nov 2026 14:20:46 +0100\r\n" +
        "MIME-Version: 1.0\r\n" +
        "List-Unsubscribe: <mailto:unsubscribe@acme.local.invalid?subject=aws-approval>\r\n" +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n" +
        "\r\n" +
        "--outer\r\n" +
        "Content-Type: multipart/alternative; boundary=\"inner\"\r\n" +
        "\r\n" +
        "--inner\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "Gr=C3=BC=C3=9Fe aus Z=C3=BCrich: one line, soft=\r\n" +
        " broken =3D kept whole.\r\n" +
        "--inner\r\n" +
        "Content-Type: text/html; charset=iso-8859-1\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "<p>Stra=DFe in Z=FCrich</p>\r\n" +
        "--inner--\r\n" +
        "--outer\r\n" +
        "Content-Type: text/calendar; method=REQUEST; charset=UTF-8\r\n" +
        "Content-Disposition: attachment; filename=invite.ics\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=\r\n" +
        "--outer--\r\n";

    private static OutgoingEmail Email(string subject, string text, string html, params EmailAttachment[] attachments) => new(
        "Change Management <changes@msp.example>", "jane@acme.example", subject, html, text, null, attachments,
        new Dictionary<string, string> { ["change"] = "CHG-20261130-7Q2K9D" });

    private Task<string> SendAsync(OutgoingEmail email) => host.Get<LocalAdapters>().SesAccounts.ForCustomer("acme").SendEmailAsync(email, default);

    /// <summary>Replaces what the local account stored for a message with <paramref name="mime"/>, as if it had sent those bytes.</summary>
    private Task StoreMimeAsync(string messageId, string mime) =>
        host.Get<LocalAdapters>().Database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE sent_messages SET mime = $mime WHERE message_id = $id";
            command.Parameters.AddWithValue("$mime", Encoding.ASCII.GetBytes(mime));
            command.Parameters.AddWithValue("$id", messageId);
            Assert.Equal(1, command.ExecuteNonQuery());
        }, default);

    private static string? Header(JsonNode view, string name) =>
        (string?)view["headers"]!.AsArray().FirstOrDefault(h => string.Equals((string)h!["name"]!, name, StringComparison.OrdinalIgnoreCase))?["value"];

    [Fact]
    public async Task Encoded_words_and_quoted_printable_bodies_are_decoded_by_the_server()
    {
        var id = await SendAsync(Email("placeholder", "placeholder", "<p>placeholder</p>"));
        await StoreMimeAsync(id, Encoded);

        var view = await host.GetJsonAsync($"/api/outbox/{id}");

        Assert.Equal("Wartung in Zürich — 東京", (string)view["subject"]!);
        Assert.Equal("\"Zürich Ops\" <ops@msp.example>", (string)view["from"]!);
        Assert.Equal("jane@acme.example", (string)view["to"]!);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T14:20:46+01:00", System.Globalization.CultureInfo.InvariantCulture), (DateTimeOffset)view["date"]!);
        Assert.Equal("Grüße aus Zürich: one line, soft broken = kept whole.", ((string)view["text"]!).TrimEnd());
        Assert.Equal("<p>Straße in Zürich</p>", ((string)view["html"]!).TrimEnd());
        Assert.Equal("<mailto:unsubscribe@acme.local.invalid?subject=aws-approval>", Header(view, "List-Unsubscribe"));
        var invite = Assert.Single(view["attachments"]!.AsArray());
        Assert.Equal(("invite.ics", "text/calendar"), ((string)invite!["fileName"]!, (string)invite["contentType"]!));
        Assert.Equal((id, "acme"), ((string)view["messageId"]!, (string)view["customerCode"]!));
    }

    [Fact]
    public async Task A_message_the_local_account_built_reads_back_as_sent_and_its_eml_is_the_stored_file()
    {
        var invite = new EmailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "REQUEST");
        var id = await SendAsync(Email("Freigabe nötig: Café <Wartung>", "Bitte prüfen — danke.", "<p>Bitte <b>prüfen</b></p>", invite));

        var view = await host.GetJsonAsync($"/api/outbox/{id}");
        Assert.Equal("Freigabe nötig: Café <Wartung>", (string)view["subject"]!);
        Assert.Equal("Bitte prüfen — danke.", ((string)view["text"]!).TrimEnd());
        Assert.Equal("<p>Bitte <b>prüfen</b></p>", ((string)view["html"]!).TrimEnd());
        Assert.Equal("change=CHG-20261130-7Q2K9D", Header(view, "X-SES-MESSAGE-TAGS"));
        Assert.Equal("invite.ics", (string)Assert.Single(view["attachments"]!.AsArray())!["fileName"]!);

        using var eml = await host.Http.GetAsync($"/api/outbox/{id}/eml");
        Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
        Assert.Equal("message/rfc822", eml.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{id}.eml", eml.Content.Headers.ContentDisposition?.FileNameStar ?? eml.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal((await host.Get<LocalOutbox>().GetAsync(id, default))!.Mime, await eml.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unknown_message_is_a_404_problem_both_ways()
    {
        Assert.Equal("No sent message nope.", (string)(await host.GetJsonAsync("/api/outbox/nope", HttpStatusCode.NotFound))["detail"]!);
        Assert.Equal(404, (int)(await host.GetJsonAsync("/api/outbox/nope/eml", HttpStatusCode.NotFound))["status"]!);
    }
}
