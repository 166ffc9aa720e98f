import io.signalbox.app.engine.ProxyState;
import io.signalbox.app.tray.TrayIcons;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Writes the application icon (the tray icon's "running" design, drawn by the app's own code) as a PNG
 * of the given size: {@code java -cp app/target/signalbox-app.jar installer/AppIcon.java OUT.png 256}.
 */
public class AppIcon {
    public static void main(String[] args) throws Exception {
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        if (!ImageIO.write(TrayIcons.draw(ProxyState.RUNNING, size), "png", new File(args[0]))) {
            throw new IllegalStateException("no PNG writer");
        }
    }
}
