package servmon.dashboard.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import java.io.IOException;

/**
 * ETags on the API's reads: a script that polls an unchanged list sends If-None-Match and gets 304 without a body.
 * The tag is a hash of the body (Spring's ShallowEtagHeaderFilter) rather than a Last-Modified taken from
 * server_status.updated_at, because a list also changes when a server is added, renamed or removed (no status row
 * changes then), a removed server's status row stays behind (no foreign key since V2), and Last-Modified has
 * one-second resolution while samples arrive every few. Hashing is right by construction; what it does not save,
 * the query, is one primary-key range of at most 1000 rows.
 */
class ApiEtagFilter extends ShallowEtagHeaderFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (HttpMethod.GET.matches(request.getMethod())) {
            // may be kept but must be revalidated: that is what makes clients send If-None-Match
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        }
        super.doFilterInternal(request, response, chain);
    }
}
