// Dumps the JDK's locale data that FreeMarker's formatting depends on (DateFormatSymbols,
// DateFormat style patterns, time zone display names, DecimalFormatSymbols, NumberFormat
// patterns) as JSON.  Run by tools/gen_locale_data.py with the JDK FreeMarker runs on.
import java.text.*;
import java.util.*;

public class LocaleDump {
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String q(char c) {
        return q(String.valueOf(c));
    }

    static String arr(String[] a, int from, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(", ");
            b.append(q(a[from + i]));
        }
        return b.append("]").toString();
    }

    public static void main(String[] args) {
        String[] styles = {"full", "long", "medium", "short"};
        String[] zones = args[0].split(",");
        StringBuilder out = new StringBuilder("{\n");
        for (int li = 1; li < args.length; li++) {
            String tag = args[li];
            String[] p = tag.split("_");
            Locale loc = p.length > 1 ? new Locale(p[0], p[1]) : new Locale(p[0]);
            DateFormatSymbols s = DateFormatSymbols.getInstance(loc);
            out.append(" ").append(q(tag)).append(": {\n");
            out.append("  \"months\": ").append(arr(s.getMonths(), 0, 12)).append(",\n");
            out.append("  \"short_months\": ").append(arr(s.getShortMonths(), 0, 12)).append(",\n");
            String[] wd = s.getWeekdays();
            String[] swd = s.getShortWeekdays();
            String[] days = new String[7];
            String[] sdays = new String[7];
            for (int i = 0; i < 7; i++) {  // Monday first
                days[i] = wd[(i + 1) % 7 + 1];
                sdays[i] = swd[(i + 1) % 7 + 1];
            }
            out.append("  \"days\": ").append(arr(days, 0, 7)).append(",\n");
            out.append("  \"short_days\": ").append(arr(sdays, 0, 7)).append(",\n");
            out.append("  \"ampm\": ").append(arr(s.getAmPmStrings(), 0, 2)).append(",\n");
            out.append("  \"eras\": ").append(arr(s.getEras(), 0, 2)).append(",\n");
            Calendar cal = Calendar.getInstance(loc);
            out.append("  \"first_day\": ").append(cal.getFirstDayOfWeek()).append(",\n");
            out.append("  \"min_days\": ").append(cal.getMinimalDaysInFirstWeek()).append(",\n");
            out.append("  \"styles\": {");
            boolean first = true;
            for (int a = 0; a < 4; a++) {
                out.append(first ? "" : ", ").append(q("date_" + styles[a])).append(": ")
                   .append(q(((SimpleDateFormat) DateFormat.getDateInstance(a, loc)).toPattern()));
                first = false;
                out.append(", ").append(q("time_" + styles[a])).append(": ")
                   .append(q(((SimpleDateFormat) DateFormat.getTimeInstance(a, loc)).toPattern()));
                for (int b = 0; b < 4; b++) {
                    out.append(", ").append(q(styles[a] + "_" + styles[b])).append(": ").append(
                        q(((SimpleDateFormat) DateFormat.getDateTimeInstance(a, b, loc)).toPattern()));
                }
            }
            out.append("},\n");
            out.append("  \"zones\": {");
            for (int z = 0; z < zones.length; z++) {
                TimeZone tz = TimeZone.getTimeZone(zones[z]);
                out.append(z > 0 ? ", " : "").append(q(zones[z])).append(": [")
                   .append(q(tz.getDisplayName(false, TimeZone.SHORT, loc))).append(", ")
                   .append(q(tz.getDisplayName(false, TimeZone.LONG, loc))).append(", ")
                   .append(q(tz.getDisplayName(true, TimeZone.SHORT, loc))).append(", ")
                   .append(q(tz.getDisplayName(true, TimeZone.LONG, loc))).append("]");
            }
            out.append("},\n");
            DecimalFormatSymbols d = DecimalFormatSymbols.getInstance(loc);
            out.append("  \"number\": {\"decimal\": ").append(q(d.getDecimalSeparator()))
               .append(", \"grouping\": ").append(q(d.getGroupingSeparator()))
               .append(", \"money_decimal\": ").append(q(d.getMonetaryDecimalSeparator()))
               .append(", \"money_grouping\": ").append(q(d.getMonetaryGroupingSeparator()))
               .append(", \"minus\": ").append(q(d.getMinusSign()))
               .append(", \"percent\": ").append(q(d.getPercent()))
               .append(", \"per_mille\": ").append(q(d.getPerMill()))
               .append(", \"infinity\": ").append(q(d.getInfinity()))
               .append(", \"nan\": ").append(q(d.getNaN()))
               .append(", \"exponent\": ").append(q(d.getExponentSeparator()))
               .append(", \"zero\": ").append(q(d.getZeroDigit()))
               .append(", \"currency\": ").append(q(d.getCurrencySymbol()))
               .append(", \"currency_code\": ").append(q(d.getInternationalCurrencySymbol()))
               .append(", \"pattern_number\": ").append(q(((DecimalFormat) NumberFormat.getNumberInstance(loc)).toPattern()))
               .append(", \"pattern_currency\": ").append(q(((DecimalFormat) NumberFormat.getCurrencyInstance(loc)).toPattern()))
               .append(", \"pattern_percent\": ").append(q(((DecimalFormat) NumberFormat.getPercentInstance(loc)).toPattern()))
               .append("}\n");
            out.append(" }").append(li < args.length - 1 ? "," : "").append("\n");
        }
        out.append("}\n");
        System.out.print(out);
    }
}
