package io.signalbox.app.tray;

import io.signalbox.app.engine.ProxyState;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The tray icon, drawn in code so it is sharp at any size: a signal lamp on a dark plate — green
 * (running), grey with pause bars (paused), red with a bar (last request failed). The SVG source
 * in {@code icons/} shows the same design; {@code TrayIconsTest} writes the PNGs there.
 */
public final class TrayIcons {
    public static final Color RUNNING = new Color(0x2e, 0xb8, 0x5c);
    public static final Color PAUSED = new Color(0x9a, 0xa0, 0xa6);
    public static final Color FAILING = new Color(0xe0, 0x3a, 0x3a);
    private static final Color PLATE = new Color(0x26, 0x2b, 0x33);

    private TrayIcons() {
    }

    public static Color colour(ProxyState s) {
        return switch (s) {
            case RUNNING, ATTACHED -> RUNNING;
            case FAILING -> FAILING;
            case PAUSED, STOPPED -> PAUSED;
        };
    }

    public static BufferedImage draw(ProxyState state, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double s = size;
            g.setColor(PLATE);
            g.fill(new RoundRectangle2D.Double(s * 0.06, s * 0.06, s * 0.88, s * 0.88, s * 0.3, s * 0.3));
            g.setColor(colour(state));
            g.fill(new Ellipse2D.Double(s * 0.2, s * 0.2, s * 0.6, s * 0.6));
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) Math.max(1.5, s * 0.09), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            switch (state) {
                case PAUSED, STOPPED -> {
                    g.drawLine((int) (s * 0.42), (int) (s * 0.36), (int) (s * 0.42), (int) (s * 0.64));
                    g.drawLine((int) (s * 0.58), (int) (s * 0.36), (int) (s * 0.58), (int) (s * 0.64));
                }
                case FAILING -> {
                    g.drawLine((int) (s * 0.5), (int) (s * 0.32), (int) (s * 0.5), (int) (s * 0.54));
                    g.fill(new Ellipse2D.Double(s * 0.45, s * 0.62, s * 0.1, s * 0.1));
                }
                default -> g.fill(new Ellipse2D.Double(s * 0.38, s * 0.38, s * 0.24, s * 0.24));
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
