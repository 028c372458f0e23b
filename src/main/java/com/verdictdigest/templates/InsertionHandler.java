package com.verdictdigest.templates;

import org.apache.velocity.context.Context;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.util.RuntimeServicesAware;

/**
 * Every value a template inserts passes here, so escaping cannot be forgotten in a template: in
 * HTML templates it is HTML-escaped unless it is {@link TrustedHtml}; in every template, control
 * characters are dropped (they have no place in an email, and they keep {@link Slot} markers unforgeable).
 */
public final class InsertionHandler implements ReferenceInsertionEventHandler, RuntimeServicesAware {
    private boolean html;

    /** Velocity creates the handler by name; whether its engine renders HTML is an engine attribute. */
    @Override
    public void setRuntimeServices(RuntimeServices rs) {
        html = Boolean.TRUE.equals(rs.getApplicationAttribute(Templates.HTML_ATTRIBUTE));
    }

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        if (value == null || value instanceof Slot) {
            return value;
        }
        if (html && value instanceof TrustedHtml trusted) {
            return trusted.html();
        }
        String text = stripControls(value.toString());
        return html ? Html.escape(text) : text;
    }

    static String stripControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7F) {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char d = s.charAt(j);
                    if (!(d < 0x20 && d != '\n' && d != '\t' && d != '\r' || d == 0x7F)) {
                        b.append(d);
                    }
                }
                return b.toString();
            }
        }
        return s;
    }
}
