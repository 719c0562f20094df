package io.lockstep.clock;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The two envelopes of a set of samples, over local time relative to a reference: the lower convex hull of the
 * request points {@code (t1, t2 - t1)} and the upper convex hull of the reply points {@code (t4, t3 - t4)}.
 *
 * <p>Every offset line {@code offset(t) = c + slope * t} that the samples allow runs below all request points and
 * above all reply points (one-way delays are never negative), and for any slope only the hull vertices can be the
 * closest points. So every question about a slope costs the few hull vertices, not the whole window, and the
 * questions whose answer changes only where the line tips from one vertex to the next (hull-edge slopes) are
 * answered exactly.
 */
final class Envelopes {

    private final int count;
    private final double[] requestX;
    private final double[] requestY;
    private final double[] replyX;
    private final double[] replyY;
    private final double[][] requests;
    private final double[][] replies;
    /** Sums of x and y over all request and all reply points, hull or not: the excess sums need them. */
    private final double requestSumX;
    private final double requestSumY;
    private final double replySumX;
    private final double replySumY;

    private Envelopes(double[][] requests, double[][] replies) {
        count = requests.length;
        this.requests = requests;
        this.replies = replies;
        requestSumX = sum(requests, 0);
        requestSumY = sum(requests, 1);
        replySumX = sum(replies, 0);
        replySumY = sum(replies, 1);
        double[][] lower = hull(requests, 1);
        double[][] upper = hull(replies, -1);
        requestX = lower[0];
        requestY = lower[1];
        replyX = upper[0];
        replyY = upper[1];
    }

    /** The envelopes of {@code samples} (in any order) with local times measured from {@code reference}. */
    static Envelopes of(List<ClockSample> samples, long reference) {
        int n = samples.size();
        double[][] requests = new double[n][];
        double[][] replies = new double[n][];
        for (int i = 0; i < n; i++) {
            ClockSample s = samples.get(i);
            requests[i] = new double[] {s.t1() - reference, s.t2() - s.t1()};
            replies[i] = new double[] {s.t4() - reference, s.t3() - s.t4()};
        }
        return new Envelopes(requests, replies);
    }

    /** Samples the envelopes were built from. */
    int count() {
        return count;
    }

    /** The lowest {@code y - slope * x} over the requests: the request envelope's intercept for this slope. */
    double lowestRequest(double slope) {
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < requestX.length; i++) {
            lowest = Math.min(lowest, requestY[i] - slope * requestX[i]);
        }
        return lowest;
    }

    /** The highest {@code y - slope * x} over the replies: the reply envelope's intercept for this slope. */
    double highestReply(double slope) {
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < replyX.length; i++) {
            highest = Math.max(highest, replyY[i] - slope * replyX[i]);
        }
        return highest;
    }

    /** How far the requests lie above their envelope of this slope, summed. */
    double requestExcess(double slope) {
        return requestSumY - slope * requestSumX - count * lowestRequest(slope);
    }

    /** How far the replies lie below their envelope of this slope, summed. */
    double replyExcess(double slope) {
        return count * highestReply(slope) - (replySumY - slope * replySumX);
    }

    /** The median distance of the requests from their envelope of this slope. */
    double medianRequestExcess(double slope) {
        double lowest = lowestRequest(slope);
        return median(requests, p -> p[1] - slope * p[0] - lowest);
    }

    /** The median distance of the replies from their envelope of this slope. */
    double medianReplyExcess(double slope) {
        double highest = highestReply(slope);
        return median(replies, p -> highest - (p[1] - slope * p[0]));
    }

    private static double median(double[][] points, ToDoubleFunction<double[]> excess) {
        double[] values = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            values[i] = excess.applyAsDouble(points[i]);
        }
        Arrays.sort(values);
        return values[values.length / 2];
    }

    /** Half the gap between the envelopes at this slope: the shortest one-way delay a line of this slope implies. */
    double halfBand(double slope) {
        return (lowestRequest(slope) - highestReply(slope)) / 2;
    }

    /**
     * The slope within ±{@code limit} that leaves the widest band between the envelopes. As the slope grows, the
     * request vertex that touches the line moves later and the reply vertex earlier; the band's width changes at
     * the rate (touching reply time - touching request time), so the widest band lies at the hull-edge slope where
     * that difference turns negative. Exact: the answer is a breakpoint, not a search result.
     */
    double widestBandSlope(double limit) {
        double[] breaks = breakpoints(limit);
        int low = 0;
        int high = breaks.length + 1;
        // The breakpoints cut ±limit into breaks.length + 1 intervals: find the first on which the band narrows.
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (narrowing(intervalMiddle(breaks, mid, limit)) > 0) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        if (low == 0) {
            return -limit;
        }
        double previous = intervalMiddle(breaks, low - 1, limit);
        if (narrowing(previous) == 0) {
            // A flat stretch is optimal throughout: take its middle rather than an arbitrary end.
            return previous;
        }
        return low > breaks.length ? limit : breaks[low - 1];
    }

    private double narrowing(double slope) {
        return requestX[touching(requestX, requestY, slope, true)] - replyX[touching(replyX, replyY, slope, false)];
    }

    /** The hull vertex a line of this slope touches: hull edges before it are flatter (requests) or steeper (replies). */
    private static int touching(double[] x, double[] y, double slope, boolean lower) {
        int low = 0;
        int high = x.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            double edge = (y[mid + 1] - y[mid]) / (x[mid + 1] - x[mid]);
            if (lower ? edge < slope : edge > slope) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** All hull-edge slopes strictly inside ±limit, sorted. */
    private double[] breakpoints(double limit) {
        double[] all = new double[requestX.length + replyX.length];
        int n = 0;
        n = edgeSlopes(requestX, requestY, all, n, limit);
        n = edgeSlopes(replyX, replyY, all, n, limit);
        double[] breaks = Arrays.copyOf(all, n);
        Arrays.sort(breaks);
        return breaks;
    }

    private static int edgeSlopes(double[] x, double[] y, double[] into, int n, double limit) {
        for (int i = 0; i + 1 < x.length; i++) {
            double edge = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
            if (Math.abs(edge) < limit) {
                into[n++] = edge;
            }
        }
        return n;
    }

    /** A slope inside the {@code i}-th interval that the breakpoints cut ±limit into. */
    private static double intervalMiddle(double[] breaks, int i, double limit) {
        double from = i == 0 ? -limit : breaks[i - 1];
        double to = i == breaks.length ? limit : breaks[i];
        return (from + to) / 2;
    }

    /**
     * Andrew's monotone chain: the lower ({@code side} 1) or upper ({@code side} -1) hull of the points, as x and y
     * arrays sorted by x. Of points with the same x only the outermost can be a vertex.
     */
    private static double[][] hull(double[][] points, int side) {
        Arrays.sort(points, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> side * p[1]));
        double[] x = new double[points.length];
        double[] y = new double[points.length];
        int n = 0;
        for (double[] p : points) {
            if (n > 0 && x[n - 1] == p[0]) {
                continue;
            }
            while (n >= 2 && side * cross(x[n - 2], y[n - 2], x[n - 1], y[n - 1], p[0], p[1]) <= 0) {
                n--;
            }
            x[n] = p[0];
            y[n] = p[1];
            n++;
        }
        return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
    }

    private static double sum(double[][] points, int coordinate) {
        double sum = 0;
        for (double[] p : points) {
            sum += p[coordinate];
        }
        return sum;
    }

    private static double cross(double ax, double ay, double bx, double by, double cx, double cy) {
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }
}
