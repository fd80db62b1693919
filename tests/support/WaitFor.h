#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <functional>

namespace walness::test {

// Runs the event loop until `condition` holds or the time is up; returns the condition.
inline bool waitFor(const std::function<bool()>& condition, int milliseconds = 60000) {
  QElapsedTimer timer;
  timer.start();
  while (!condition() && timer.elapsed() < milliseconds) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(5);
  }
  return condition();
}

}  // namespace walness::test
