//! The mentions of a check, held in two parts. What reconciliation compares ([`HeldTable`]: each mention's source
//! and the number of what it states, held once for the mentions that state the same) stays in memory, 8 bytes a
//! mention, read as [`Held`]s. Where
//! each mention is and its words, which only reports print, are written to an unnamed temporary file as the corpus
//! is checked, and read back when a report asks for them: one mention at a time, or all of them in id order, a block
//! at a time. A corpus of millions of mentions so holds a few tens of bytes for each.
//!
//! When no temporary file can be made or written, the places stay in memory, in the same encoding: nothing is lost,
//! only more is held. When the file cannot be read back (an I/O error under the check), nothing panics: the
//! failure is kept ([`Mentions::read_back`]), every mention read from then on has an empty place and no words
//! ([`Mentions::get`] gives none), and whatever reports from the mentions must ask for the failure before it trusts
//! what it read.

use std::fmt::Debug;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use crate::extract::{Held, HeldList, HeldTable, Mention, Place, Said};
use crate::kinds::Sharing;
use crate::model::Position;

/// Bytes of one mention's place in the places stream: its span, where its words are in the words stream, and its
/// two positions.
const RECORD: usize = 8 + 8 + 8 + 4 + 2 * POSITION;

/// Bytes of one encoded [`Position`]: line, column, characters, page, and whether there is a page.
const POSITION: usize = 4 + 4 + 8 + 4 + 1;

/// Bytes gathered in memory before they are written to the file, and read from it at once when every mention is
/// read in order.
const BLOCK: usize = 1 << 20;

/// Every mention of a check, indexed by id.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    held: HeldTable,
    places: Stream,
    words: Stream,
    /// The first failure to read the file back, shared by the copies of the mentions.
    failure: Arc<OnceLock<String>>,
}

impl Mentions {
    /// No mentions yet, their places to be written to a temporary file (kept in memory if none can be made).
    pub(super) fn spilled() -> Mentions {
        let file = || {
            tempfile::tempfile()
                .ok()
                .map(|f| Box::new(f) as Box<dyn Spill>)
        };
        Mentions::over(file(), file())
    }

    /// No mentions yet, their places and words written to `places` and `words` (kept in memory when `None`).
    fn over(places: Option<Box<dyn Spill>>, words: Option<Box<dyn Spill>>) -> Mentions {
        Mentions {
            held: HeldTable::default(),
            places: Stream::over(places),
            words: Stream::over(words),
            failure: Arc::default(),
        }
    }

    /// `Ok` unless the temporary file failed to give back some mention's place or words: then the mentions read
    /// since that failure have empty places and no words, and what was made of them (a report, fingerprints) is
    /// wrong. The error says what failed.
    pub fn read_back(&self) -> std::io::Result<()> {
        match self.failure.get() {
            None => Ok(()),
            Some(failure) => Err(std::io::Error::other(format!(
                "the temporary file of mention places cannot be read back: {failure}"
            ))),
        }
    }

    /// How many mentions there are.
    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// What reconciliation compares of each mention, indexed by id.
    pub fn held(&self) -> HeldList<'_> {
        self.held.list()
    }

    /// Appends `mention` (whose id must be [`Mentions::len`]), holding what it states through `sharing`.
    pub(super) fn push(&mut self, mention: Mention, sharing: &mut Sharing<Said>) {
        let said = Said::of(&mention).shared(sharing);
        self.held.push(&mention, said);
        let words = self.words.len();
        self.words.push(mention.text.as_bytes());
        self.places.push(&encode(&Place::of(&mention), words));
    }

    /// Writes what is still in memory to the file, and keeps what comes after in memory: the mentions of a check are
    /// all found, and the check's result may now be copied, its copies sharing the file.
    pub(super) fn finish(&mut self) {
        self.places.finish();
        self.words.finish();
    }

    /// The mention `id`, or `None` when there is no such mention or when the temporary file failed to give back a
    /// place ([`Mentions::read_back`]).
    pub fn get(&self, id: usize) -> Option<Mention> {
        let held = self.held.list().get(id)?;
        let mention = self.placed(id, held);
        self.read_back().is_ok().then_some(mention)
    }

    /// The mention `id`; with an empty place and no words once the temporary file failed to give back a place
    /// ([`Mentions::read_back`] says so).
    ///
    /// # Panics
    ///
    /// When there is no such mention, as indexing a list would.
    pub fn at(&self, id: usize) -> Mention {
        self.placed(id, self.held.list().at(id))
    }

    /// The mention `id`, with its place and words read back.
    fn placed(&self, id: usize, held: Held) -> Mention {
        let record = self.read(&self.places, id * RECORD..(id + 1) * RECORD);
        let (place, words) = decode(&record);
        let text = self.read(&self.words, words);
        held.mention(Place {
            text: words_of(&text),
            ..place
        })
    }

    /// The bytes at `range` of `stream`; zeros when they cannot be read back, the failure kept.
    fn read(&self, stream: &Stream, range: Range<usize>) -> Vec<u8> {
        stream.read(range.clone()).unwrap_or_else(|e| {
            let _ = self.failure.set(e.to_string());
            vec![0; range.len()]
        })
    }

    /// Every mention, in id order, read a block at a time; with empty places and no words once the temporary file
    /// failed to give back a block ([`Mentions::read_back`] says so).
    pub fn iter(&self) -> impl Iterator<Item = Mention> + '_ {
        let per_block = (BLOCK / RECORD).max(1);
        (0..self.len())
            .step_by(per_block)
            .flat_map(move |first| self.block(first..(first + per_block).min(self.len())))
    }

    /// The mentions `ids`, read with two reads of the file.
    fn block(&self, ids: Range<usize>) -> Vec<Mention> {
        let records = self.read(&self.places, ids.start * RECORD..ids.end * RECORD);
        let places: Vec<(Place, Range<usize>)> = records.chunks_exact(RECORD).map(decode).collect();
        let (Some(first), Some(last)) = (places.first(), places.last()) else {
            return Vec::new();
        };
        let base = first.1.start;
        let words = self.read(&self.words, base..last.1.end);
        let held = self.held.list();
        ids.map(|id| held.at(id))
            .zip(places)
            .map(|(held, (place, range))| {
                let text = words_of(&words[range.start - base..range.end - base]);
                held.mention(Place { text, ..place })
            })
            .collect()
    }
}

impl<'a> IntoIterator for &'a Mentions {
    type Item = Mention;
    type IntoIter = Box<dyn Iterator<Item = Mention> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// Words read back: they were written from a `str`, so they are UTF-8.
fn words_of(bytes: &[u8]) -> Arc<str> {
    Arc::from(String::from_utf8_lossy(bytes))
}

/// A place as [`RECORD`] bytes, its words at `words` in the words stream.
fn encode(place: &Place, words: usize) -> Vec<u8> {
    let mut record = Vec::with_capacity(RECORD);
    record.extend((place.span.start as u64).to_le_bytes());
    record.extend((place.span.end as u64).to_le_bytes());
    record.extend((words as u64).to_le_bytes());
    record.extend((place.text.len() as u32).to_le_bytes());
    for position in [place.start, place.end] {
        record.extend(position.line.to_le_bytes());
        record.extend(position.column.to_le_bytes());
        record.extend((position.char_offset as u64).to_le_bytes());
        record.extend(position.page.unwrap_or(0).to_le_bytes());
        record.push(u8::from(position.page.is_some()));
    }
    record
}

/// A place from its [`RECORD`] bytes (with no words yet), and where its words are in the words stream.
fn decode(record: &[u8]) -> (Place, Range<usize>) {
    let mut at = 0;
    let mut take = |n: usize| {
        let bytes = &record[at..at + n];
        at += n;
        bytes
    };
    let mut number = |n: usize| {
        take(n)
            .iter()
            .rev()
            .fold(0u64, |sum, &byte| sum << 8 | u64::from(byte))
    };
    let span = number(8) as usize..number(8) as usize;
    let words = number(8) as usize;
    let words = words..words + number(4) as usize;
    let mut position = || {
        let (line, column, char_offset) = (number(4) as u32, number(4) as u32, number(8) as usize);
        let (page, paged) = (number(4) as u32, number(1) == 1);
        Position {
            line,
            column,
            char_offset,
            page: paged.then_some(page),
        }
    };
    let (start, end) = (position(), position());
    let place = Place {
        span,
        start,
        end,
        text: Arc::default(),
    };
    (place, words)
}

/// What a stream writes to and reads back from: a temporary file, or in tests one that fails.
trait Spill: Read + Write + Seek + Send + Debug {}

impl<T: Read + Write + Seek + Send + Debug> Spill for T {}

/// Bytes appended one after another: the first `flushed` in a file, the rest in memory. Bytes are written to the
/// file a block at a time while the stream is written to; once it is finished, or once a write failed, what comes
/// after stays in memory, so that copies of a stream can share its file.
#[derive(Debug, Clone, Default)]
struct Stream {
    file: Option<Arc<Mutex<Box<dyn Spill>>>>,
    flushed: usize,
    tail: Vec<u8>,
    writing: bool,
}

impl Stream {
    /// An empty stream over `file`, or in memory when there is none.
    fn over(file: Option<Box<dyn Spill>>) -> Stream {
        Stream {
            writing: file.is_some(),
            file: file.map(|f| Arc::new(Mutex::new(f))),
            flushed: 0,
            tail: Vec::new(),
        }
    }

    /// Bytes in the stream.
    fn len(&self) -> usize {
        self.flushed + self.tail.len()
    }

    /// Appends `bytes`, writing a block to the file when one is full.
    fn push(&mut self, bytes: &[u8]) {
        self.tail.extend_from_slice(bytes);
        if self.writing && self.tail.len() >= BLOCK {
            self.flush();
        }
    }

    /// Writes what is in memory to the file, and stops writing.
    fn finish(&mut self) {
        if self.writing {
            self.flush();
        }
        self.writing = false;
    }

    /// Writes the bytes in memory at the end of the file; on a failure they stay in memory, and so does every byte
    /// after them.
    fn flush(&mut self) {
        let Some(file) = &self.file else { return };
        let written = file.lock().is_ok_and(|mut file| {
            file.seek(SeekFrom::Start(self.flushed as u64)).is_ok()
                && file.write_all(&self.tail).is_ok()
        });
        if written {
            self.flushed += self.tail.len();
            self.tail.clear();
        } else {
            self.writing = false;
        }
    }

    /// The bytes at `range`, from the file and from memory; an error when the file cannot give them back.
    fn read(&self, range: Range<usize>) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(range.len());
        if range.start < self.flushed {
            let end = range.end.min(self.flushed);
            bytes.resize(end - range.start, 0);
            self.read_file(range.start, &mut bytes)?;
        }
        let start = range.start.max(self.flushed) - self.flushed;
        let end = range.end.max(self.flushed) - self.flushed;
        bytes.extend_from_slice(&self.tail[start..end]);
        Ok(bytes)
    }

    /// Fills `bytes` from the file at `offset`.
    fn read_file(&self, offset: usize, bytes: &mut [u8]) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Err(std::io::Error::other("no file"));
        };
        let mut file = file
            .lock()
            .map_err(|_| std::io::Error::other("a reader panicked"))?;
        file.seek(SeekFrom::Start(offset as u64))?;
        file.read_exact(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Value;
    use crate::model::time::TimeSpan;
    use crate::model::Polarity;

    /// Mentions with places of every shape: pages or none, words of every length (none, multibyte), large offsets.
    fn sample(count: usize) -> Vec<Mention> {
        (0..count)
            .map(|i| {
                let polarity = if i % 3 == 0 {
                    Polarity::Deny
                } else {
                    Polarity::Affirm
                };
                let mut mention = Mention::unplaced(
                    i % 4,
                    i / 5,
                    i * 7..i * 7 + i % 11,
                    Value::Polarity(polarity),
                )
                .at(
                    Some(TimeSpan {
                        start: i as i64,
                        end: i as i64 + 60,
                    }),
                    (i % 3) as u8,
                )
                .scoped((i % 5 == 0).then(|| format!("part {}", i % 2)));
                mention.id = i;
                mention.start = Position {
                    line: i as u32 + 1,
                    column: (i % 80) as u32 + 1,
                    char_offset: i * 1_000_003,
                    page: (i % 2 == 0).then_some(i as u32 / 2),
                };
                mention.end = Position {
                    char_offset: usize::MAX - i,
                    page: Some(u32::MAX),
                    ..mention.start
                };
                mention.text = "é".repeat(i % 13).into();
                mention
            })
            .collect()
    }

    fn assert_same(held: &Mentions, expected: &[Mention]) {
        assert_eq!(held.len(), expected.len());
        let read: Vec<Mention> = held.iter().collect();
        for (id, mention) in expected.iter().enumerate() {
            let one = held.at(id);
            for got in [&one, &read[id]] {
                assert_eq!(Place::of(got), Place::of(mention), "mention {id}");
                assert_eq!(Said::of(got), Said::of(mention), "mention {id}");
                assert_eq!(
                    (got.id, got.claim, got.source),
                    (mention.id, mention.claim, mention.source)
                );
            }
        }
        assert!(held.get(expected.len()).is_none());
    }

    #[test]
    fn mentions_read_back_are_the_mentions_written_in_a_file_or_in_memory() {
        // More than a block of places, so that some are read back from the file in two blocks.
        let mentions = sample(BLOCK / RECORD * 2 + 100);
        let (before, after) = mentions.split_at(mentions.len() - 30);
        for mut held in [Mentions::spilled(), Mentions::default()] {
            let mut sharing = Sharing::default();
            for mention in before {
                held.push(mention.clone(), &mut sharing);
            }
            held.finish();
            let copy = held.clone();
            for mention in after {
                held.push(mention.clone(), &mut sharing);
            }
            assert_same(&held, &mentions);
            assert_same(&copy, before);
        }
    }

    #[test]
    fn mentions_that_state_the_same_share_one_statement() {
        let mut held = Mentions::default();
        let mut sharing = Sharing::default();
        let mention = sample(1).remove(0);
        for id in 0..3 {
            held.push(
                Mention {
                    id,
                    ..mention.clone()
                },
                &mut sharing,
            );
        }
        let list = held.held();
        let said: Vec<&Arc<Said>> = list.iter().map(|m| m.said()).collect();
        assert!(Arc::ptr_eq(said[0], said[1]) && Arc::ptr_eq(said[0], said[2]));
    }

    /// A temporary file that keeps what is written to it, and fails to write or to give it back when told to.
    #[derive(Debug, Default)]
    struct Failing {
        bytes: std::io::Cursor<Vec<u8>>,
        reads_fail: bool,
        writes_fail: bool,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.reads_fail {
                return Err(std::io::Error::other("the disk went away"));
            }
            self.bytes.read(buf)
        }
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.writes_fail {
                return Err(std::io::Error::other("no space left"));
            }
            self.bytes.write(buf)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Failing {
        fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
            self.bytes.seek(to)
        }
    }

    /// `mentions` held over two failing files.
    fn held_over(mentions: &[Mention], reads_fail: bool, writes_fail: bool) -> Mentions {
        let file = || {
            Some(Box::new(Failing {
                reads_fail,
                writes_fail,
                ..Failing::default()
            }) as Box<dyn Spill>)
        };
        let mut held = Mentions::over(file(), file());
        let mut sharing = Sharing::default();
        for mention in mentions {
            held.push(mention.clone(), &mut sharing);
        }
        held.finish();
        held
    }

    #[test]
    fn a_file_that_cannot_be_written_leaves_the_places_in_memory() {
        let mentions = sample(BLOCK / RECORD + 100);
        let held = held_over(&mentions, false, true);
        assert_same(&held, &mentions);
        assert!(held.read_back().is_ok());
    }

    #[test]
    fn a_file_that_cannot_be_read_back_is_an_error_not_a_panic() {
        let mentions = sample(BLOCK / RECORD + 100);
        let held = held_over(&mentions, true, false);
        assert!(held.read_back().is_ok(), "nothing read yet");
        let first = held.at(0);
        assert_eq!((first.id, first.claim), (0, mentions[0].claim));
        let error = held.read_back().expect_err("the failed read is kept");
        assert!(error.to_string().contains("the disk went away"), "{error}");
        assert!(
            held.get(1).is_none(),
            "no mention is trusted after a failure"
        );
        assert_eq!(held.iter().count(), mentions.len());
        assert!(
            held.clone().read_back().is_err(),
            "copies share the failure"
        );
    }
}
