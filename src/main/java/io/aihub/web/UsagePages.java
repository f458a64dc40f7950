package io.aihub.web;

import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.common.ApiException;
import io.aihub.tenancy.TenancyService;
import io.aihub.usage.Bucket;
import io.aihub.usage.Spender;
import io.aihub.usage.UsageFilter;
import io.aihub.usage.UsageService;
import io.aihub.usage.UsageTotals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The usage explorer: range, bucket and group-by over the usage records, as a chart, tables and CSV. */
@Controller
class UsagePages {

    private static final Map<String, Integer> RANGES = Map.of("1d", 1, "7d", 7, "30d", 30, "90d", 90);
    private static final Map<String, UsageService.Dimension> GROUPS = Map.of("model", UsageService.Dimension.MODEL,
            "key", UsageService.Dimension.KEY, "team", UsageService.Dimension.TEAM, "user", UsageService.Dimension.USER,
            "provider", UsageService.Dimension.PROVIDER);

    private final ShellBuilder shells;
    private final UsageService usage;
    private final AccessControl access;
    private final TenancyService tenancy;
    private final Charts charts;
    private final Clock clock;

    UsagePages(ShellBuilder shells, UsageService usage, AccessControl access, TenancyService tenancy, Charts charts,
            Clock clock) {
        this.shells = shells;
        this.usage = usage;
        this.access = access;
        this.tenancy = tenancy;
        this.charts = charts;
        this.clock = clock;
    }

    private record Result(PageModels.Query query, List<UsageTotals> history, List<Spender> top) {
    }

    private Result run(Principal principal, String orgId, String range, String bucket, String group) {
        access.require(principal, orgId, Action.USAGE_READ);
        if (!RANGES.containsKey(range)) throw ApiException.invalid("range", "range must be one of 1d, 7d, 30d, 90d");
        Bucket b = Bucket.parse(bucket);
        if (b == Bucket.HOUR && RANGES.get(range) > 7) throw ApiException.invalid("bucket", "hour buckets need a range of 7 days or less");
        UsageService.Dimension dimension = GROUPS.get(group);
        if (dimension == null) throw ApiException.invalid("group", "group must be one of model, key, team, user, provider");
        ZoneId zone = tenancy.timezoneOf(orgId);
        Instant to = clock.instant().plusSeconds(1);
        Instant from = clock.instant().atZone(zone).truncatedTo(ChronoUnit.DAYS).minusDays(RANGES.get(range) - 1).toInstant();
        return new Result(new PageModels.Query(range, bucket, group), usage.history(UsageFilter.organization(orgId), from, to, b, zone),
                usage.top(UsageFilter.organization(orgId), dimension, from, to, 50));
    }

    @GetMapping("/ui/orgs/{orgId}/usage")
    String explorer(@PathVariable String orgId, @RequestParam(defaultValue = "30d") String range,
            @RequestParam(defaultValue = "day") String bucket, @RequestParam(defaultValue = "model") String group,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        Shell shell = shells.build(request, principal, orgId, "usage", "Usage");
        Result result;
        FormErrors errors = FormErrors.NONE;
        try {
            result = run(principal, orgId, range, bucket, group);
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            errors = FormErrors.of(e);
            result = run(principal, orgId, "30d", "day", "model");
        }
        model.addAttribute("shell", shell);
        model.addAttribute("query", new PageModels.Query(range, bucket, group));
        model.addAttribute("history", result.history());
        model.addAttribute("top", result.top());
        model.addAttribute("chart", charts.usage(result.history()));
        model.addAttribute("errors", errors);
        return "usage";
    }

    /** The same query as CSV: one row per bucket, then one per group. */
    @GetMapping("/ui/orgs/{orgId}/usage.csv")
    void csv(@PathVariable String orgId, @RequestParam(defaultValue = "30d") String range,
            @RequestParam(defaultValue = "day") String bucket, @RequestParam(defaultValue = "model") String group,
            Principal principal, HttpServletResponse response) throws IOException {
        Result result = run(principal, orgId, range, bucket, group);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage-" + orgId + "-" + range + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        out.print("section,bucket_start,group,requests,prompt_tokens,completion_tokens,total_tokens,cost_usd,errors\r\n");
        for (UsageTotals t : result.history()) {
            out.print("history," + t.start() + ",," + t.requests() + "," + t.promptTokens() + "," + t.completionTokens() + ","
                    + (t.promptTokens() + t.completionTokens()) + "," + t.cost().toPlainString() + "," + t.errors() + "\r\n");
        }
        for (Spender s : result.top()) {
            out.print("by_" + group + ",," + csvCell(s.id()) + "," + s.requests() + ",,," + s.tokens() + ","
                    + s.cost().toPlainString() + ",\r\n");
        }
        out.flush();
    }

    /** Quotes a cell and defuses spreadsheet formulas (a model name is user-controlled text). */
    static String csvCell(String value) {
        if (value == null) return "";
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
