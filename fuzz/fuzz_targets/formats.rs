//! Source formats on arbitrary bytes: reading a file as a web page, Markdown or a Word document never panics, and
//! every place a prose range maps back to lies in the text reports show, start before end. (PDF is left out: its
//! extractor's panics are caught in the check, but a fuzzer stops at the first one.)
#![no_main]

use factlint::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for name in ["fuzz.html", "fuzz.md", "fuzz.docx"] {
        let Ok(source) = Source::from_bytes(name, bytes.to_vec()) else {
            continue;
        };
        let shown = source.info.text().expect("a source in memory keeps its text");
        let boundaries: Vec<usize> = (0..=source.text.len())
            .filter(|&i| source.text.is_char_boundary(i))
            .collect();
        let places = source.positions(&boundaries);
        assert_eq!(places.len(), boundaries.len());
        for pair in boundaries.windows(2) {
            let span = source.span_in_file(pair[0]..pair[1]);
            assert!(span.start <= span.end && span.end <= shown.len(), "{name}: {pair:?} -> {span:?}");
        }
    }
});
