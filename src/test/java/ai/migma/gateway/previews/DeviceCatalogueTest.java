package ai.migma.gateway.previews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.web.ApiException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class DeviceCatalogueTest {

    @Test
    void everyDeviceHasAUniqueKeyAKnownCategoryAndAViewport() {
        assertThat(DeviceCatalogue.DEVICES).hasSizeBetween(10, 14);
        assertThat(DeviceCatalogue.DEVICES.stream().map(DeviceCatalogue.Device::key).distinct())
                .hasSize(DeviceCatalogue.DEVICES.size());
        for (DeviceCatalogue.Device device : DeviceCatalogue.DEVICES) {
            assertThat(device.key()).matches("[a-z0-9-]{1,64}");
            assertThat(DeviceCatalogue.CATEGORIES).contains(device.category());
            assertThat(device.width()).isBetween(320, 1440);
            assertThat(device.height()).isBetween(480, 1200);
        }
        assertThat(DeviceCatalogue.byCategory().keySet()).containsExactly("DESKTOP", "MOBILE", "WEB", "MISC");
    }

    @Test
    void noDevicesMeansTheDefaultSetInKeyOrder() {
        assertThat(DeviceCatalogue.requested(null).stream().map(DeviceCatalogue.Device::key))
                .containsExactly("apple-mail-macos", "gmail-chrome", "iphone-15-ios-mail", "outlook-2021-windows");
    }

    @Test
    void requestedDevicesComeOnceEachInKeyOrder() {
        assertThat(DeviceCatalogue.requested(List.of("yahoo-mail-chrome", "gmail-android", "yahoo-mail-chrome"))
                .stream().map(DeviceCatalogue.Device::key)).containsExactly("gmail-android", "yahoo-mail-chrome");
    }

    @Test
    void unknownNullOrNoDevicesAreRefused() {
        assertThatThrownBy(() -> DeviceCatalogue.requested(List.of("gmail-chrome", "GMAIL-CHROME")))
                .isInstanceOf(ApiException.class).hasMessageContaining("devices[1]")
                .hasMessageContaining("ipad-ios-mail");
        assertThatThrownBy(() -> DeviceCatalogue.requested(Arrays.asList("gmail-chrome", null)))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> DeviceCatalogue.requested(List.of())).isInstanceOf(ApiException.class);
    }

    @Test
    void aDeviceDroppedFromTheCatalogueIsStillDescribed() {
        assertThat(DeviceCatalogue.describe("blackberry-os7").name()).isEqualTo("blackberry-os7");
    }

    @Test
    void previewStatusFollowsItsDevices() {
        assertThat(PreviewJob.overall(List.of("SUCCESSFUL", "PROCESSING"))).isEqualTo("PROCESSING");
        assertThat(PreviewJob.overall(List.of("SUCCESSFUL", "SUCCESSFUL"))).isEqualTo("COMPLETED");
        assertThat(PreviewJob.overall(List.of("SUCCESSFUL", "FAILED"))).isEqualTo("PARTIAL_SUCCESS");
        assertThat(PreviewJob.overall(List.of("FAILED", "FAILED"))).isEqualTo("FAILED");
    }
}
