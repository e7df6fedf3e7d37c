package dev.identity.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The gateway's own count of SQL statements per request ({@code identity_sql_statements_per_request}) of a route. */
public final class RequestSql {

    private RequestSql() {}

    /** {@code [requests, statements]} counted so far for {@code method uri}, read from {@code /actuator/prometheus}. */
    public static double[] countAndSum(Api api, String method, String uri) {
        Pattern meter = Pattern.compile("identity_sql_statements_per_request_(count|sum)\\{method=\""
                + Pattern.quote(method) + "\",uri=\"" + Pattern.quote(uri) + "\"} ([0-9.E]+)");
        Matcher matcher = meter.matcher(api.get("/actuator/prometheus", null).raw());
        double[] countAndSum = new double[2];
        while (matcher.find()) {
            countAndSum[matcher.group(1).equals("count") ? 0 : 1] = Double.parseDouble(matcher.group(2));
        }
        return countAndSum;
    }
}
