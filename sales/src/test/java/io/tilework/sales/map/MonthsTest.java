package io.tilework.sales.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("numeric date patterns read from the bytes give what java.time gives, strictly, for every text tried")
class MonthsTest {

    @Test
    void templatesAgreeWithJavaTime() {
        List<List<String>> patternLists = List.of(List.of("dd/MM/yyyy"), List.of("d/M/yyyy"), List.of("MM/dd/yyyy", "M/d/yyyy"),
                List.of("dd.MM.yy"), List.of("yyyy-MM-dd"), List.of("dd/MM/yyyy", "yyyy-MM-dd"), List.of("d-M-yyyy"));
        var texts = new ArrayList<>(List.of("05/01/2024", "5/1/2024", "31/02/2024", "29/02/2024", "29/02/2023", "29.02.24", "01.13.24",
                "2024-1-5", "2024-01-05", "123/01/2024", "05/01/20245", " 05/01/2024 ", "05/01/1969", "31/12/2099", "01/01/2100",
                "5/13/2024", "12/31/2024", "00/01/2024", "05/00/2024", "", "/", "05/01/", "05-01-2024", "5-1-2024", "05/1/2024",
                "+5/1/2024", "05/01/2024x", "05/01/24", "05.01.2024"));
        for (int day = 0; day <= 32; day += 3) {
            for (int month = 0; month <= 13; month += 2) {
                texts.add(day + "/" + month + "/2024");
                texts.add(String.format("%02d/%02d/2023", day, month));
            }
        }
        for (List<String> patterns : patternLists) {
            var months = new Months(patterns, false, StandardCharsets.UTF_8);
            for (String text : texts) {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                assertEquals(months.month(text.strip()), months.month(b, 0, b.length), patterns + " '" + text + "'");
            }
        }
        var monthly = new Months(List.of("MM/yyyy", "yyyy-MM"), true, StandardCharsets.UTF_8);
        for (String text : List.of("01/2024", "1/2024", "2024-01", "2024-13", "13/2024", "2024-1", "01/1969")) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(monthly.month(text), monthly.month(b, 0, b.length), text);
        }
    }
}
