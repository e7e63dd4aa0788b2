package ai.migma.gateway.previews;

import ai.migma.gateway.web.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The devices a preview can be rendered on. A device is only a viewport: every one is drawn by the same renderer
 * (docs/previews.md), so two clients at the same size give the same image; the names say what Migma would show.
 */
final class DeviceCatalogue {

    /** The categories of the SDK's {@code PreviewDeviceCategory}, in the order they are listed. */
    static final List<String> CATEGORIES = List.of("DESKTOP", "MOBILE", "WEB", "MISC");

    /**
     * @param width viewport width in CSS pixels: the width of the screenshot
     * @param height viewport height in CSS pixels: the screenshot is the first screen, not the whole email
     */
    record Device(String key, String name, String client, String os, String category, int width, int height) {
    }

    static final List<Device> DEVICES = List.of(
            new Device("apple-mail-macos", "Apple Mail on macOS", "Apple Mail", "macOS", "DESKTOP", 1280, 800),
            new Device("outlook-2021-windows", "Outlook 2021 on Windows", "Outlook 2021", "Windows", "DESKTOP",
                    1024, 768),
            new Device("outlook-macos", "Outlook on macOS", "Outlook", "macOS", "DESKTOP", 1280, 800),
            new Device("thunderbird-windows", "Thunderbird on Windows", "Thunderbird", "Windows", "DESKTOP",
                    1024, 768),
            new Device("iphone-15-ios-mail", "iPhone 15 (iOS Mail)", "iOS Mail", "iOS 17", "MOBILE", 393, 852),
            new Device("iphone-se-ios-mail", "iPhone SE (iOS Mail)", "iOS Mail", "iOS 17", "MOBILE", 375, 667),
            new Device("ipad-ios-mail", "iPad (iOS Mail)", "iOS Mail", "iPadOS 17", "MOBILE", 820, 1180),
            new Device("outlook-ios", "Outlook on iPhone 15", "Outlook", "iOS 17", "MOBILE", 393, 852),
            new Device("gmail-android", "Gmail on Pixel 8", "Gmail", "Android 14", "MOBILE", 412, 915),
            new Device("samsung-email-android", "Samsung Email on Galaxy S23", "Samsung Email", "Android 14",
                    "MOBILE", 360, 780),
            new Device("gmail-chrome", "Gmail in Chrome", "Gmail", "Windows", "WEB", 1280, 800),
            new Device("outlook-com-chrome", "Outlook.com in Chrome", "Outlook.com", "Windows", "WEB", 1280, 800),
            new Device("yahoo-mail-chrome", "Yahoo Mail in Chrome", "Yahoo Mail", "Windows", "WEB", 1366, 768));

    /** Used when a preview names no devices: one of each kind of screen most mail is read on. */
    static final List<String> DEFAULT_KEYS = List.of("apple-mail-macos", "outlook-2021-windows", "gmail-chrome",
            "iphone-15-ios-mail");

    private static final Map<String, Device> BY_KEY = DEVICES.stream()
            .collect(Collectors.toMap(Device::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));

    private static final String VALID_KEYS = String.join(", ", BY_KEY.keySet().stream().sorted().toList());

    private DeviceCatalogue() {
    }

    static Optional<Device> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /**
     * The device a stored preview names. One dropped from the catalogue since is still shown (and rendered) at a
     * generic size rather than breaking the previews that named it.
     */
    static Device describe(String key) {
        return find(key).orElseGet(() -> new Device(key, key, "unknown", "unknown", "MISC", 600, 800));
    }

    /**
     * The devices a request names, each once, in key order (the order a preview's job renders them); the default
     * set when it names none. A key that is not in the catalogue is a 400 listing the valid ones; the key itself is
     * not repeated, as messages never echo what a client sent.
     */
    static List<Device> requested(List<String> keys) {
        if (keys == null) {
            return sorted(DEFAULT_KEYS.stream().map(DeviceCatalogue::describe).toList());
        }
        if (keys.isEmpty()) {
            throw ApiException.invalid("devices must name at least one device, or be left out for the default set ("
                    + String.join(", ", DEFAULT_KEYS) + ")");
        }
        Set<Device> devices = new LinkedHashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            Device device = keys.get(i) == null ? null : BY_KEY.get(keys.get(i));
            if (device == null) {
                throw ApiException.invalid("devices[" + i + "] is not a supported device; valid keys: " + VALID_KEYS);
            }
            devices.add(device);
        }
        return sorted(devices);
    }

    /** The catalogue by category, keyed as the SDK's {@code DeviceCategoriesResponse}. */
    static Map<String, List<Device>> byCategory() {
        Map<String, List<Device>> categories = new LinkedHashMap<>();
        for (String category : CATEGORIES) {
            categories.put(category, new ArrayList<>());
        }
        DEVICES.forEach(device -> categories.get(device.category()).add(device));
        return categories;
    }

    private static List<Device> sorted(Collection<Device> devices) {
        return devices.stream().sorted(Comparator.comparing(Device::key)).toList();
    }
}
