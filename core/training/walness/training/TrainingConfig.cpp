#include "walness/training/TrainingConfig.h"

namespace walness::training {

QJsonObject TrainingConfig::toJson() const {
  return QJsonObject{
      {QStringLiteral("architecture"), QString::fromStdString(architecture)},
      {QStringLiteral("pretrained_weights"), QString::fromStdString(pretrainedWeights)},
      {QStringLiteral("init_bundle"), QString::fromStdString(initBundle)},
      {QStringLiteral("input_size"), inputSize},
      {QStringLiteral("batch_size"), batchSize},
      {QStringLiteral("epochs"), epochs},
      {QStringLiteral("optimizer"), QString::fromStdString(optimizerId(optimizer.kind))},
      {QStringLiteral("learning_rate"), optimizer.learningRate},
      {QStringLiteral("weight_decay"), optimizer.weightDecay},
      {QStringLiteral("backbone_lr_scale"), backboneLearningRateScale},
      {QStringLiteral("beta1"), optimizer.beta1},
      {QStringLiteral("beta2"), optimizer.beta2},
      {QStringLiteral("warmup_epochs"), warmupEpochs},
      {QStringLiteral("freeze_blocks"), freezeBlocks},
      {QStringLiteral("unfreeze_epoch"), unfreezeEpoch},
      {QStringLiteral("unfreeze_to"), unfreezeTo},
      {QStringLiteral("patience"), patience},
      {QStringLiteral("keep_norm_statistics"), keepNormStatistics},
      {QStringLiteral("max_positive_weight"), maxPositiveWeight},
      {QStringLiteral("assumed_negative_target"), assumedNegativeTarget},
      {QStringLiteral("assumed_negative_weight"), assumedNegativeWeight},
      {QStringLiteral("seed"), QString::number(seed)},
      {QStringLiteral("augment"), augmentEnabled},
      {QStringLiteral("augment_min_crop_area"), augment.minCropArea},
      {QStringLiteral("augment_max_rotation_degrees"), augment.maxRotationDegrees},
      {QStringLiteral("augment_colour"), augment.brightness},
      {QStringLiteral("augment_blur_probability"), augment.blurProbability},
      {QStringLiteral("augment_jpeg_probability"), augment.jpegProbability},
  };
}

Result<TrainingConfig> TrainingConfig::fromJson(const QJsonObject& json) {
  TrainingConfig config;
  for (auto it = json.begin(); it != json.end(); ++it) {
    const QString key = it.key();
    const QJsonValue value = it.value();
    const auto number = [&](auto& field) {
      field = static_cast<std::remove_reference_t<decltype(field)>>(value.toDouble(double(field)));
    };
    if (key == QLatin1String("architecture"))
      config.architecture = value.toString().toStdString();
    else if (key == QLatin1String("pretrained_weights"))
      config.pretrainedWeights = value.toString().toStdString();
    else if (key == QLatin1String("init_bundle"))
      config.initBundle = value.toString().toStdString();
    else if (key == QLatin1String("assumed_negative_target"))
      number(config.assumedNegativeTarget);
    else if (key == QLatin1String("assumed_negative_weight"))
      number(config.assumedNegativeWeight);
    else if (key == QLatin1String("input_size"))
      number(config.inputSize);
    else if (key == QLatin1String("batch_size"))
      number(config.batchSize);
    else if (key == QLatin1String("epochs"))
      number(config.epochs);
    else if (key == QLatin1String("optimizer")) {
      const auto kind = optimizerFromId(value.toString().toStdString());
      if (!kind) return Error{"unknown optimizer '" + value.toString().toStdString() + "'"};
      config.optimizer.kind = *kind;
    } else if (key == QLatin1String("learning_rate"))
      number(config.optimizer.learningRate);
    else if (key == QLatin1String("weight_decay"))
      number(config.optimizer.weightDecay);
    else if (key == QLatin1String("backbone_lr_scale"))
      number(config.backboneLearningRateScale);
    else if (key == QLatin1String("beta1"))
      number(config.optimizer.beta1);
    else if (key == QLatin1String("beta2"))
      number(config.optimizer.beta2);
    else if (key == QLatin1String("warmup_epochs"))
      number(config.warmupEpochs);
    else if (key == QLatin1String("freeze_blocks"))
      number(config.freezeBlocks);
    else if (key == QLatin1String("unfreeze_epoch"))
      number(config.unfreezeEpoch);
    else if (key == QLatin1String("unfreeze_to"))
      number(config.unfreezeTo);
    else if (key == QLatin1String("patience"))
      number(config.patience);
    else if (key == QLatin1String("keep_norm_statistics"))
      config.keepNormStatistics = value.toBool(true);
    else if (key == QLatin1String("max_positive_weight"))
      number(config.maxPositiveWeight);
    else if (key == QLatin1String("seed"))
      config.seed = value.toString().toULongLong();
    else if (key == QLatin1String("augment"))
      config.augmentEnabled = value.toBool(true);
    else if (key == QLatin1String("augment_min_crop_area"))
      number(config.augment.minCropArea);
    else if (key == QLatin1String("augment_max_rotation_degrees"))
      number(config.augment.maxRotationDegrees);
    else if (key == QLatin1String("augment_colour")) {
      number(config.augment.brightness);
      config.augment.contrast = config.augment.saturation = config.augment.brightness;
    } else if (key == QLatin1String("augment_blur_probability"))
      number(config.augment.blurProbability);
    else if (key == QLatin1String("augment_jpeg_probability"))
      number(config.augment.jpegProbability);
    else
      return Error{"unknown training setting '" + key.toStdString() + "'"};
  }
  if (config.inputSize < 32 || config.inputSize > 1024)
    return Error{"input_size must be between 32 and 1024"};
  if (config.batchSize < 1 || config.epochs < 1) return Error{"batch_size and epochs must be >= 1"};
  if (!(config.optimizer.learningRate > 0)) return Error{"learning_rate must be positive"};
  if (!(config.assumedNegativeTarget >= 0 && config.assumedNegativeTarget < 0.5))
    return Error{"assumed_negative_target must be in [0, 0.5)"};
  if (!(config.assumedNegativeWeight >= 0 && config.assumedNegativeWeight <= 1))
    return Error{"assumed_negative_weight must be in [0, 1]"};
  return config;
}

}  // namespace walness::training
