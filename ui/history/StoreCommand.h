#pragma once

#include <QUndoCommand>

#include <functional>
#include <utility>

namespace walness::ui {

// A change to the history that Undo reverses (delete <-> restore). Each direction only starts
// the write (it runs off the GUI thread) and reports how it went by itself.
class StoreCommand : public QUndoCommand {
 public:
  StoreCommand(const QString& text, std::function<void()> apply, std::function<void()> revert)
      : apply_(std::move(apply)), revert_(std::move(revert)) {
    setText(text);
  }
  void redo() override { apply_(); }
  void undo() override { revert_(); }

 private:
  std::function<void()> apply_;
  std::function<void()> revert_;
};

}  // namespace walness::ui
