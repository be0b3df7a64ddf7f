using System.Net;
using System.Text.Json.Nodes;
using ChangeMgmt.Server.Tests;

namespace ChangeMgmt.Api.Tests;

/// <summary>Lists: filters, every sort in both directions, page tokens followed to the end, CSV.</summary>
public sealed class ListTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Lifecycle = ["draft", "submitted", "approved", "completed", "cancelled"];
    private readonly ApiHost host = fixture.Host;

    /// <summary>Seven changes with distinct and missing values, in several statuses; returns the marker that finds them.</summary>
    private async Task<string> SeedAsync()
    {
        var marker = Changes.Marker();
        string[] titles = ["delta", "Alpha", "charlie", "bravo", "alpha", "Echo", "foxtrot"];
        for (var i = 0; i < titles.Length; i++)
        {
            var body = Changes.Complete($"{titles[i]} {marker}", "acme");
            if (i == 3) body.Remove("implementationStart");
            else body["implementationStart"] = $"2026-12-{10 - i % 4:00}T22:00:00Z";
            body["implementationEnd"] = "2026-12-20T23:00:00Z";
            var id = await host.CreateAsync(body);
            if (i % 3 == 1) await host.PostJsonAsync($"/api/changes/{id}/submit", null);
            if (i % 3 == 2) await host.PostJsonAsync($"/api/changes/{id}/cancel", null);
        }
        return marker;
    }

    private async Task<List<JsonNode>> ReadAllPagesAsync(string query)
    {
        var all = new List<JsonNode>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.GetJsonAsync($"{query}&pageSize=3{(token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}")}");
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 3);
            all.AddRange(items.Select(i => i!));
            token = (string?)page["nextPageToken"];
            Assert.True(++pages < 10, "the pages end");
        } while (token is not null);
        return all;
    }

    [Theory]
    [InlineData("modifiedAt")]
    [InlineData("createdAt")]
    [InlineData("implementationStart")]
    [InlineData("changeTitle")]
    [InlineData("status")]
    [InlineData("changeId")]
    public async Task Pages_follow_each_sort_to_the_end_each_change_once(string field)
    {
        var marker = await SeedAsync();
        foreach (var sort in new[] { field, "-" + field })
        {
            var listed = await ReadAllPagesAsync($"/api/changes?q={marker}&sort={sort}");

            Assert.Equal(7, listed.Select(i => (string)i["changeId"]!).Distinct().Count());
            Assert.Equal(7, listed.Count);
            var expected = listed.OrderBy(i => i, new Expected(field, sort.StartsWith('-'))).ToList();
            Assert.Equal(expected.Select(i => (string)i["changeId"]!), listed.Select(i => (string)i["changeId"]!));
        }
    }

    [Fact]
    public async Task The_default_order_is_most_recently_modified_first()
    {
        var marker = await SeedAsync();
        var first = (await host.GetJsonAsync($"/api/changes?q={marker}"))["items"]!.AsArray();
        var explicitly = (await host.GetJsonAsync($"/api/changes?q={marker}&sort=-modifiedAt"))["items"]!.AsArray();
        Assert.Equal(explicitly.Select(i => (string)i!["changeId"]!), first.Select(i => (string)i!["changeId"]!));
        var times = first.Select(i => DateTimeOffset.Parse((string)i!["modifiedAt"]!)).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task Items_carry_the_changes_zone_and_sort_by_the_instant_whatever_the_offset_written()
    {
        var marker = Changes.Marker();
        // 22:00 in New York (02:00Z, daylight time) is later than 10:00 in Tokyo the next day (01:00Z), though written later in the day.
        var newYork = Changes.Complete($"New York {marker}", "acme");
        (newYork["timezone"], newYork["implementationStart"], newYork["implementationEnd"]) = ("America/New_York", "2030-03-12T22:00:00-04:00", "2030-03-12T23:00:00-04:00");
        var tokyo = Changes.Complete($"Tokyo {marker}", "acme");
        (tokyo["timezone"], tokyo["implementationStart"], tokyo["implementationEnd"]) = ("Asia/Tokyo", "2030-03-13T10:00:00+09:00", "2030-03-13T11:00:00+09:00");
        await host.CreateAsync(newYork);
        await host.CreateAsync(tokyo);

        var items = (await host.GetJsonAsync($"/api/changes?q={marker}&sort=implementationStart"))["items"]!.AsArray();

        Assert.Equal([("Tokyo", "Asia/Tokyo"), ("New", "America/New_York")], items.Select(i => (((string)i!["changeTitle"]!).Split(' ')[0], (string)i["timezone"]!)));
    }

    [Fact]
    public async Task Filters_combine_with_sorting()
    {
        var marker = await SeedAsync();
        var submitted = await ReadAllPagesAsync($"/api/changes?q={marker}&status=submitted&sort=changeTitle");
        Assert.Equal(["Alpha", "alpha"], submitted.Select(i => ((string)i["changeTitle"]!).Split(' ')[0]));
    }

    [Fact]
    public async Task A_bad_sort_or_a_token_of_another_sort_is_400_naming_it()
    {
        var bad = await host.GetJsonAsync("/api/changes?sort=colour", HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad["errors"]!["sort"]!.AsArray());
        await host.GetJsonAsync("/api/changes?sort=-", HttpStatusCode.BadRequest);

        var marker = await SeedAsync();
        var token = (string)(await host.GetJsonAsync($"/api/changes?q={marker}&pageSize=2&sort=changeTitle"))["nextPageToken"]!;
        var other = await host.GetJsonAsync($"/api/changes?q={marker}&pageSize=2&sort=status&pageToken={Uri.EscapeDataString(token)}", HttpStatusCode.BadRequest);
        Assert.NotEmpty(other["errors"]!["pageToken"]!.AsArray());
        var forged = await host.GetJsonAsync("/api/changes?pageToken=bm90IGEgdG9rZW4", HttpStatusCode.BadRequest);
        Assert.NotEmpty(forged["errors"]!["pageToken"]!.AsArray());
    }

    [Fact]
    public async Task Csv_has_every_matching_row_escaped_and_guarded_against_formulas()
    {
        var marker = Changes.Marker();
        var tricky = Changes.Complete($"=HYPERLINK(\"x\") {marker}", "acme", "globex");
        tricky["snowTicket"] = "+CHG, \"quoted\"";
        tricky["jiraTicket"] = "line\nbreak";
        var trickyId = await host.CreateAsync(tricky);
        for (var i = 0; i < 204; i++)
            await host.CreateAsync(new JsonObject { ["changeTitle"] = $"bulk {i:000} {marker}", ["customers"] = new JsonArray("initech") });

        using var response = await host.Http.GetAsync($"/api/changes?q={marker}&format=csv&sort=changeTitle&pageSize=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"changes.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var lines = Csv.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("changeId,changeTitle,status,version,customers,implementationStart,implementationEnd,createdBy,createdAt,modifiedAt,snowTicket,jiraTicket",
            string.Join(',', lines[0]));
        Assert.Equal(206, lines.Count);
        Assert.Equal([.. Enumerable.Range(0, 204).Select(i => $"bulk {i:000} {marker}")], lines.Skip(2).Select(l => l[1]));
        var row = lines[1]; // '=' sorts before letters
        Assert.Equal([trickyId, $"'=HYPERLINK(\"x\") {marker}", "draft", "1", "acme;globex"], row[..5]);
        Assert.Equal("'+CHG, \"quoted\"", row[10]);
        Assert.Equal("line\nbreak", row[11]);
        Assert.Equal(DateTimeOffset.Parse((string)ChangeRequests.For("acme")["implementationStart"]!), DateTimeOffset.Parse(row[5]));

        var bad = await host.GetJsonAsync("/api/changes?format=xml", HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad["errors"]!["format"]!.AsArray());
    }

    /// <summary>The documented order, worked out here independently of the server.</summary>
    private sealed class Expected(string field, bool descending) : IComparer<JsonNode>
    {
        public int Compare(JsonNode? x, JsonNode? y)
        {
            var (kx, ky) = (Key(x!), Key(y!));
            if ((kx is null) != (ky is null)) return kx is null ? 1 : -1;
            var order = kx is null ? 0 : kx switch
            {
                DateTimeOffset t => t.CompareTo((DateTimeOffset)ky!),
                int r => r.CompareTo((int)ky!),
                string s when field == "changeTitle" => string.Compare(s, (string)ky!, StringComparison.OrdinalIgnoreCase) is var c and not 0 ? c : string.CompareOrdinal(s, (string)ky!),
                string s => string.CompareOrdinal(s, (string)ky!),
                _ => 0,
            };
            if (order == 0) order = string.CompareOrdinal((string)x!["changeId"]!, (string)y!["changeId"]!);
            return descending ? -order : order;
        }

        private object? Key(JsonNode item) => item[field] is not { } value ? null : field switch
        {
            "status" => Array.IndexOf(Lifecycle, (string)value!),
            "modifiedAt" or "createdAt" or "implementationStart" => DateTimeOffset.Parse((string)value!),
            _ => (string)value!,
        };
    }
}

/// <summary>A small RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.Empty(row);
        return rows;
    }
}
